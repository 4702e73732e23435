// The widget's side of the HTTP contract in core/api.ts: plain fetch, no cookies, JSON in and out. What the first step
// needs (GET and reading a reply); sending is in requests/send.ts, in the later code only.
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
