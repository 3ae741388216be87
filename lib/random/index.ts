export * from "./seeded-random";
