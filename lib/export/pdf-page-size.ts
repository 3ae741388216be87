import { PDFDocument } from "pdf-lib";

/**
 * Sets a one-page PDF's page to exactly `width` x `height` points, keeping the top-left corner. Chromium rounds
 * paper sizes (a 7.7 cm page comes out 218.88 pt wide, not 218.27); the figure is drawn from the top-left at its
 * exact size, so cropping the page box to it gives the exact physical size without touching the drawing.
 */
export async function setPdfPageSize(pdf: Uint8Array, width: number, height: number): Promise<Buffer> {
  const document = await PDFDocument.load(pdf);
  for (const page of document.getPages()) {
    const box = page.getMediaBox();
    const top = box.y + box.height;
    page.setMediaBox(box.x, top - height, width, height);
    page.setCropBox(box.x, top - height, width, height);
  }
  return Buffer.from(await document.save({ useObjectStreams: false }));
}
