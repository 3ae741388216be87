// The answer-condition contract of the robustness grid (issue 23), where the pipeline and the grid import it. The
// definitions live in lib/prompts/answer-condition.ts because the prompts and the simulator (lower layers) read them.
export * from "../prompts/answer-condition";
