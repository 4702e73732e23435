// The one error shape of the API, and the reading of JSON bodies that turns bad input into 4xx answers.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiError, ErrorCode } from '../../core/api.ts';
import type { FieldIssue } from '../../core/issues.ts';

export const MAX_BODY_BYTES = 64 * 1024;

/** Answers `{"error":{code,message,issues?}}` with the given status. */
export function errorResponse(c: Context, status: ContentfulStatusCode, code: ErrorCode, message: string, issues?: FieldIssue[]) {
  const body: ApiError = { error: { code, message, ...(issues ? { issues } : {}) } };
  return c.json(body, status);
}

export type JsonBody = { ok: true; value: unknown } | { ok: false; response: Response };

/** Reads a JSON body: 415 unless uncompressed JSON, 413 over the limit, 400 when it does not parse. */
export async function readJson(c: Context): Promise<JsonBody> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    return { ok: false, response: errorResponse(c, 415, 'unsupported_media_type', 'send the body as application/json') };
  }
  // A compressed body is not read (RFC 7694: 415 for a content coding we do not take), rather than parsed as garbled JSON.
  const coding = (c.req.header('content-encoding') ?? '').trim().toLowerCase();
  if (coding !== '' && coding !== 'identity') {
    return { ok: false, response: errorResponse(c, 415, 'unsupported_media_type', 'send the body as uncompressed application/json') };
  }
  let text: string;
  try {
    text = await c.req.text();
  } catch {
    return { ok: false, response: errorResponse(c, 400, 'invalid_json', 'the body could not be read') };
  }
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
    return { ok: false, response: errorResponse(c, 413, 'too_large', `the body is larger than ${MAX_BODY_BYTES} bytes`) };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, response: errorResponse(c, 400, 'invalid_json', 'the body is not valid JSON') };
  }
}
