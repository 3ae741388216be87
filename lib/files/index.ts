export { makeDirectory, nearestExisting } from "./make-directory";
export { checkOutputDirectory } from "./check-output-directory";
export { looksBinary, readTextFile } from "./read-text-file";
