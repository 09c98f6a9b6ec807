// The CLI's exit semantics as HTTP statuses: one table (docs/server.md shows it), one error body {error: {code, message}}.
import { AwsCallError, CortadoError } from '../core/errors.js';

export interface HttpError {
  readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 502 | 504;
  readonly body: { readonly error: { readonly code: string; readonly message: string; readonly hint?: string; readonly field?: string } };
}

const CONFLICT = new Set(['CANARY_IN_PROGRESS', 'CANARY_NO_RELEASE']);
const NOT_FOUND_AWS = new Set(['ServiceNotFoundException', 'ClusterNotFoundException', 'ResourceNotFoundException', 'ParameterNotFound']);

export const httpError = (status: HttpError['status'], code: string, message: string): HttpError => ({
  status,
  body: { error: { code, message } },
});

/** Maps a thrown error: bad input 400, conflicting release state 409, missing things 404, AWS failures 502, timeouts 504. */
export function httpErrorOf(e: unknown): HttpError {
  if (e instanceof CortadoError) {
    const base = {
      code: e.code,
      message: e.message,
      ...(e.hint !== undefined ? { hint: e.hint } : {}),
      ...(e.field !== undefined ? { field: e.field } : {}),
    };
    let status: HttpError['status'];
    if (CONFLICT.has(e.code)) status = 409;
    else if (/NOT_FOUND$/.test(e.code) || e.code === 'CANARY_NOT_CONFIGURED') status = 404;
    else if (e.code === 'TIMEOUT') status = 504;
    else if (e instanceof AwsCallError) status = NOT_FOUND_AWS.has(e.awsCode) ? 404 : 502;
    else if (e.source === 'user') status = 400;
    else if (e.source === 'aws') status = 502;
    else status = 500;
    return { status, body: { error: base } };
  }
  const name = (e as { name?: unknown } | undefined)?.name;
  if (typeof name === 'string' && NOT_FOUND_AWS.has(name)) return httpError(404, 'AWS_CALL_FAILED', String((e as Error).message));
  if (typeof (e as { $metadata?: unknown } | undefined)?.$metadata === 'object')
    return httpError(502, 'AWS_CALL_FAILED', `${String(name)}: ${String((e as Error).message)}`);
  return httpError(500, 'SERVER_ERROR', 'the server failed; see its log');
}
