export * from './identifiers';
export * from './timestamp';
export * from './text';
export * from './attributes';
export * from './interaction';
export * from './interaction-batch';
export * from './issues';
