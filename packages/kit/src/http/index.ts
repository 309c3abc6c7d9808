export type { BackPressureOptions } from './back-pressure';
export type { CreateHttpServerOptions, HttpServer } from './create-http-server';
export type { OpenApiRegistry, SecurityScheme } from './openapi';
export { RAPPORT_SECURITY_SCHEMES } from './openapi';
export { createHttpServer, httpComponent } from './create-http-server';
export type { DependencyState, Readiness } from './readiness';
export type { FieldError, ProblemDetails, ProblemExtras } from './problem';
export {
  HttpProblem,
  PROBLEM_CONTENT_TYPE,
  problem,
  problemSchema,
  problemType,
  validationProblem,
} from './problem';
export { malformedJson, parseJsonBody, rawBodyOf } from './raw-body';
export { REQUEST_ID_HEADER } from './request-id';
export type { RequestPart } from './request-validation';
export { fieldErrors } from './request-validation';
export { adminTokenMatches, bearerToken, requireAdminToken } from './admin-auth';
