export { startSimulator, Simulator, type SimulatorOptions } from './server.ts';
export { defaultConfig, fastTestConfig, type SimConfig } from './config.ts';
export { Codes } from './errors.ts';
export type * from './wire.ts';
export { PROFILES, DEFAULT_PROFILE, type Profile } from './profiles.ts';
export { parseSeed, type SeedName } from './bridges/catalog.ts';
