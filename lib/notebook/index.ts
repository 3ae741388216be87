export * from "./display";
export * from "./session";
export * from "./notebook-file";
export * from "./jupyter";
export * from "./notebook-list";
