import { z } from 'zod';

/** Every error code of CONTRACT section 3, with the HTTP status it maps to. */
export const ERROR_STATUS = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  INVALID_INPUT: 400,
  INVALID_WEBHOOK_URL: 400,
  JOB_NOT_FOUND: 404,
  ARTIFACT_NOT_READY: 409,
  IDEMPOTENCY_CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  REDIS_CONNECTION_FAILED: 503,
  AGENT_TIMEOUT: 504,
  AGENT_FAILURE: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const ErrorCodeSchema = z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]);

/** The one error shape of every response: `{"error": {code, message, details?, request_id}}`. */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: ErrorCodeSchema,
    message: z.string(),
    details: z.unknown().optional(),
    request_id: z.string(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** A job's error, as stored on the job and shown by status calls. */
export const JobErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  phase: z.string().optional(),
  details: z.unknown().optional(),
});
export type JobError = z.infer<typeof JobErrorSchema>;

/** An error a caller can act on: it carries a contract code and, for input errors, the field. */
export class AiosError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AiosError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toJobError(phase?: string): JobError {
    return {
      code: this.code,
      message: this.message,
      ...(phase ? { phase } : {}),
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}

/** One issue of a failed validation: the path of the field and what is wrong with it. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** Issues listed in an error's details at most: a 10,000-item array can fail 10,000 times. */
const MAX_LISTED_ISSUES = 20;

const PLAIN_KEY = /^[A-Za-z_$][\w$]*$/;

/**
 * A field's path as the contract writes it: dots between keys, brackets for array indices
 * (`input.product_model.entities[2].attributes[0].type`); a key that is not a plain name is quoted.
 */
export function fieldPath(path: ReadonlyArray<PropertyKey>, prefix = ''): string {
  let text = prefix;
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else {
      const key = String(segment);
      text += PLAIN_KEY.test(key) ? `${text ? '.' : ''}${key}` : `[${JSON.stringify(key)}]`;
    }
  }
  return text || '(root)';
}

/** Turns a zod failure into `INVALID_INPUT` whose message names the first bad field. */
export function invalidInput(error: z.ZodError, prefix = ''): AiosError {
  const issues: FieldIssue[] = error.issues.map((issue) => ({ field: fieldPath(issue.path, prefix), message: issue.message }));
  const first = issues[0] ?? { field: prefix || '(root)', message: 'invalid input' };
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  const details = issues.length > MAX_LISTED_ISSUES ? { issues: issues.slice(0, MAX_LISTED_ISSUES), issue_count: issues.length } : { issues };
  return new AiosError('INVALID_INPUT', `${first.field}: ${first.message}${more}`, details);
}

/** Parses `value` with `schema`, throwing `INVALID_INPUT` naming the field on failure. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalidInput(result.error, prefix);
  return result.data;
}
