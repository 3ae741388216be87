export * from "./answer";
export * from "./inventory-schema";
export * from "./load-inventory";
export * from "./score-columns";
export * from "./score-inventory";
export * from "./score-wide";
export * from "./score-table";
export * from "./parse-answers-csv";
