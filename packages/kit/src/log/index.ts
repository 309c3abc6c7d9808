export type { CreateLoggerOptions, Logger } from './create-logger';
export { createLogger } from './create-logger';
export { REDACT_PATHS, scrubText } from './redaction';
