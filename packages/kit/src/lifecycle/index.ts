export type { Component, Health } from './component';
export type { RunServiceOptions } from './run-service';
export { runService } from './run-service';
export type { StopResult } from './shutdown';
export { shutdown } from './shutdown';
export { TimeoutError, withTimeout } from './with-timeout';
export { loadConfigOrExit, readPackageVersion } from './boot';
