// pt.prompts: the prompt templates (lib/prompts/templates/*.md), read on every call; pt.variant names a set of
// overrides for a session or an analysis.
export { listPrompts } from "../../prompts/registry";
export { promptTemplate, renderPrompt } from "../../prompts/render-prompt";
export { setPromptOverride, clearPromptOverrides } from "../../prompts/overrides";
export { edit } from "../../prompts/prompt-variant";
