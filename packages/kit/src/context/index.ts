export type { RequestContext } from './request-context';
export { contextFromTraceparent, currentContext, runWithContext, toTraceparent } from './request-context';
