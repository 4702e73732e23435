// Sending to the server, for the booking and the manage page (later code only): a JSON POST, the Idempotency-Key a
// booking carries, and the error a refusal names.
import type { ApiError } from '../../core/api.ts';

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
