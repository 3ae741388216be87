import { standardInventories } from "../pipeline/stages/answer-inventory";
import type { InventoryChoice } from "../inventory/load-inventory";
import { parseTemplate } from "../prompts/template";
import { listPrompts } from "../prompts/registry";
import { promptTemplate } from "../prompts/render-prompt";

/**
 * Reads and validates, before the first call is sent, the files a run needs later: every prompt template (the
 * registry and each template file parse) and, when the run measures personas, the HEXACO-60 and CSI inventory
 * files (or the ones the run names). A malformed inventory then stops the run with its one-line data error (exit 4) before anything is
 * paid, not after the extraction calls. `overrides` are the run's prompt variant texts.
 */
export function checkInputsBeforeCalls(options: { inventories: boolean | readonly InventoryChoice[]; overrides?: Record<string, string> }): void {
  for (const spec of listPrompts()) {
    const template = promptTemplate(spec.id, { overrides: options.overrides });
    parseTemplate(template.text, spec.id);
  }
  if (options.inventories === true) standardInventories();
  else if (options.inventories) standardInventories(options.inventories);
}
