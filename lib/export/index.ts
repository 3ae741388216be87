export * from "./find-browser";
export * from "./html-page";
export * from "./figure-exporter";
export * from "./html-document";
export * from "./export-figure-set";
export * from "./static-image";
export * from "./notebook-html";
