export * from "./domains";
export * from "./rows";
export * from "./turns";
export * from "./rq1-correlations";
export * from "./dialogue-statistics";
export * from "./pairwise-table";
export * from "./persona-card-statistics";
export * from "./aligned";
