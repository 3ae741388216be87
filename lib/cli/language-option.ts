/** The `--language CODE` option of parseArgs (statements of a package inventory in that language). */
export const LANGUAGE_OPTION = { language: { type: "string" } } as const;

/** Help line for `--language`. */
export const LANGUAGE_HELP =
  "  --language CODE    statements of ipip-neo-120 in this language (every item translated), with the answer\n" +
  "                     instruction of answer-statement.<CODE>.v1.md (templates: en, de; docs/inventory.md)";
