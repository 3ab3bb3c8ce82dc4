/**
 * The server's one way of answering with an error: every refusal and failure leaves as an
 * ErrorBody, whichever part of the server it came from. A refusal (HttpError) says what
 * was wrong; a request failing a route's JSON Schema names the field; anything unexpected
 * is a 500 that says only "internal error" — its detail (which may hold paths, SQL or data)
 * goes to the log, never to the caller.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody } from '../apiTypes.js';
import { HttpError } from '../httpError.js';

interface SchemaProblem {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

/** `/model/nodes/2/los` plus a missing `mean` -> `model.nodes[2].los.mean`: the field path ErrorBody promises. */
export function fieldOf(problem: SchemaProblem, context: string | undefined): string {
  const steps = (problem.instancePath ?? '').split('/').filter((step) => step !== '').map((step) => step.replaceAll('~1', '/').replaceAll('~0', '~'));
  const missing = problem.params?.missingProperty;
  if (typeof missing === 'string') steps.push(missing);
  const extra = problem.params?.additionalProperty;
  if (typeof extra === 'string') steps.push(extra);
  const path = steps.map((step, index) => (/^\d+$/.test(step) ? `[${step}]` : index === 0 ? step : `.${step}`)).join('');
  // A query string or path parameter is named as such, so `?limit=` and a body field `limit` are told apart.
  const where = context === 'querystring' ? 'query' : context === 'params' ? 'path' : context === 'headers' ? 'header' : undefined;
  if (where) return path === '' ? where : `${where}.${path}`;
  return path === '' ? 'body' : path;
}

/** ajv says an unknown field "must NOT have additional properties", which reads as a fault of the field named. */
function problemMessage(problem: SchemaProblem): string {
  if (problem.keyword === 'additionalProperties') return 'is not a field this request takes (a misspelling?)';
  return problem.message ?? 'is not valid';
}

function validationBody(error: FastifyError): ErrorBody {
  const problems = (error.validation ?? []) as SchemaProblem[];
  const first = problems[0] ?? {};
  const field = fieldOf(first, error.validationContext);
  const issues = problems.map((problem) => ({ path: fieldOf(problem, error.validationContext), message: problemMessage(problem) }));
  return { error: { message: `${field} ${problemMessage(first)}`, field, issues } };
}

/** Fastify's own refusals of a malformed request (bad JSON, unsupported media type, ...): safe to tell, they describe the request. */
function isClientError(error: FastifyError): boolean {
  return typeof error.code === 'string' && error.code.startsWith('FST_') && typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500;
}

export function answerError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof HttpError) return reply.status(error.status).send(error.body());
  if (error.validation) return reply.status(400).send(validationBody(error));
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return reply.status(413).send({ error: { message: 'the request body is larger than this server accepts', field: 'body' } } satisfies ErrorBody);
  }
  if (isClientError(error)) return reply.status(error.statusCode!).send({ error: { message: error.message } } satisfies ErrorBody);
  request.log.error({ err: error }, 'request failed');
  return reply.status(500).send({ error: { message: 'internal error' } } satisfies ErrorBody);
}

export function registerErrorAnswers(app: FastifyInstance): void {
  app.setErrorHandler(answerError);
}
