// Reading a request's JSON body: 415 unless uncompressed JSON, 413 over the limit, 400 when it does not parse, and
// 422 with each failing field's path when it does not pass its valibot schema.
import type { Context } from 'hono';
import * as v from 'valibot';
import { toFieldIssues } from '../../core/issues.ts';
import { REFUSALS, refuse, type Refusal } from './refusals.ts';

export const MAX_BODY_BYTES = 64 * 1024;

export type JsonBody = { ok: true; value: unknown } | { ok: false; response: Response };

/** The parsed body, or the 4xx answer for it. */
export async function readJson(c: Context): Promise<JsonBody> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) return { ok: false, response: refuse(c, REFUSALS.notJsonType) };
  // A compressed body is not read (RFC 7694: 415 for a content coding we do not take), rather than parsed as garbled JSON.
  const coding = (c.req.header('content-encoding') ?? '').trim().toLowerCase();
  if (coding !== '' && coding !== 'identity') return { ok: false, response: refuse(c, REFUSALS.compressedBody) };
  let text: string;
  try {
    text = await c.req.text();
  } catch {
    return { ok: false, response: refuse(c, REFUSALS.unreadableBody) };
  }
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) return { ok: false, response: refuse(c, REFUSALS.tooLarge(MAX_BODY_BYTES)) };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, response: refuse(c, REFUSALS.notJson) };
  }
}

export type ValidBody<S extends v.GenericSchema> = { ok: true; value: v.InferOutput<S> } | { ok: false; response: Response };

/** The body read and validated against `schema` (its output: trimmed, bounded, no extra keys), or the 4xx answer. */
export async function readBody<S extends v.GenericSchema>(
  c: Context,
  schema: S,
  invalid: Refusal = REFUSALS.invalidRequest,
): Promise<ValidBody<S>> {
  const raw = await readJson(c);
  if (!raw.ok) return raw;
  const parsed = v.safeParse(schema, raw.value);
  if (!parsed.success) return { ok: false, response: refuse(c, invalid, toFieldIssues(parsed.issues)) };
  return { ok: true, value: parsed.output };
}
