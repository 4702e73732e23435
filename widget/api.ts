// The widget's side of the HTTP contract in core/api.ts: plain fetch, no cookies, JSON in and out.
import type { ApiError } from '../core/api.ts';

export interface Reply<T> {
  status: number;
  data: T | ApiError | null;
}

/** Reads a response (or a request the loader already started) as status + JSON; a network failure throws. */
export async function reply<T>(response: Promise<Response>): Promise<Reply<T>> {
  const res = await response;
  return { status: res.status, data: await res.json().catch(() => null) };
}

export const get = (apiBase: string, path: string, signal?: AbortSignal) => fetch(`${apiBase}${path}`, { credentials: 'omit', signal });

/** A JSON POST, shared by the booking and the manage page; a booking sends its Idempotency-Key. */
export const post = (apiBase: string, path: string, body: string, idempotencyKey?: string) =>
  fetch(`${apiBase}${path}`, {
    method: 'POST',
    credentials: 'omit',
    headers: idempotencyKey
      ? { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey }
      : { 'Content-Type': 'application/json' },
    body,
  });

export const errorOf = (data: unknown): ApiError['error'] | undefined => (data as ApiError | null)?.error;

/** A v4 UUID; `crypto.randomUUID` exists only in secure contexts, and a site may embed us over plain http. */
export function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A link from the server: absolute http(s) as is, a path under the API origin; anything else is dropped. */
export function linkTo(apiBase: string, url: string | undefined): string | undefined {
  if (!url) return undefined;
  if (/^https?:\/\//i.test(url)) return url;
  return url.startsWith('/') && !url.startsWith('//') ? `${apiBase}${url}` : undefined;
}
