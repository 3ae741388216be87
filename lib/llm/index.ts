export * from "./types";
export { connectionSettings, isConfigured, readVariable } from "./environment";
export type { ConnectionSettings, EnvironmentOptions } from "./environment";
export * from "./provider-definition";
export { installProviderLookup, lookupProvider } from "./provider-lookup";
export * from "./cache/index";
export * from "./adapters/index";
export * from "./batch/index";
export * from "./runner/index";
