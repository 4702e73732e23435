// The one error shape of the API: `{"error":{code,message,issues?}}`. Which refusal says what is in refusals.ts.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiError, ErrorCode } from '../../core/api.ts';
import type { FieldIssue } from '../../core/issues.ts';

/** Answers `{"error":{code,message,issues?}}` with the given status. */
export function errorResponse(c: Context, status: ContentfulStatusCode, code: ErrorCode, message: string, issues?: FieldIssue[]) {
  const body: ApiError = { error: { code, message, ...(issues ? { issues } : {}) } };
  return c.json(body, status);
}
