// An answer to a request that went wrong; the body is {"error": code, "message": message}.
// The message is for the caller and may name the bad value; logs carry only code and field.
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;

  constructor(status: number, code: string, message: string, field?: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

// The catalogue of errors the API answers with, one factory per code.
export const httpErrors = {
  invalidBody: (field: string, message: string) =>
    new HttpError(400, 'invalid_body', message, field),
  invalidId: (field: string, value: string) =>
    new HttpError(
      400,
      'invalid_id',
      `${field} ${JSON.stringify(value.slice(0, 64))} is not a UUID; use the id the API returned`,
      field,
    ),
  unauthorized: (message: string) => new HttpError(401, 'unauthorized', message),
  forbidden: (message: string) => new HttpError(403, 'forbidden', message),
  notFound: (what: string, id: string) =>
    new HttpError(404, 'not_found', `${what} ${id} does not exist`),
  conflict: (message: string) => new HttpError(409, 'invalid_state', message),
  unprocessable: (field: string, message: string) =>
    new HttpError(422, 'unprocessable', message, field),
  agentUnavailable: (agent: string, cause: unknown) =>
    new HttpError(
      502,
      'agent_unavailable',
      `the ${agent} ACA-Py agent did not complete the operation; retry, and check GET /ready`,
      undefined,
      cause,
    ),
  faultInjected: () =>
    new HttpError(
      500,
      'fault_injected',
      'server error injected by x-fault-inject; unset FAULT_INJECTION to refuse these',
    ),
};
