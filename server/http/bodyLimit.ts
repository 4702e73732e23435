// Request bodies are capped while they stream in: a declared or counted size over the limit is 413 without buffering the rest.
import type { Context, MiddlewareHandler } from 'hono';
import { REFUSALS, refuse } from './refusals.ts';

/** After the limit, how much more of a body is read and thrown away so that the client can still read the 413. */
const DISCARD_BYTES = 4 * 1024 * 1024;
const DISCARD_MS = 1_000;

/**
 * Unlike hono/body-limit, the stream is counted even when Content-Length is present (a lying header
 * must not let more through), and a declared length over the limit is refused without reading at all.
 * The accepted body (at most `maxBytes`) is handed on as a fresh Request for the route to read.
 */
export function limitBody(maxBytes: number): MiddlewareHandler {
  const tooLarge = (c: Context) => {
    // The connection is out of step with an unread body: close it rather than let the client reuse it.
    c.header('Connection', 'close');
    return refuse(c, REFUSALS.tooLarge(maxBytes));
  };
  return async (c, next) => {
    const raw = c.req.raw;
    if (!raw.body) return next();
    const declared = raw.headers.get('content-length');
    if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > maxBytes) return tooLarge(c);

    const reader = raw.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > maxBytes) {
          await discard(reader);
          return tooLarge(c);
        }
        chunks.push(value);
      }
    } catch {
      return refuse(c, REFUSALS.unreadableBody);
    }
    const body = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      body.set(chunk, offset);
      offset += chunk.byteLength;
    }
    c.req.raw = new Request(raw, { body });
    await next();
  };
}

/**
 * Reads and drops what a client is still sending, up to a few MB and a second, so that closing the
 * connection does not reset it before the client reads the 413. Nothing is kept in memory.
 */
async function discard(reader: ReadableStreamDefaultReader<Uint8Array>) {
  const until = Date.now() + DISCARD_MS;
  let dropped = 0;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), DISCARD_MS);
  });
  try {
    while (dropped < DISCARD_BYTES && Date.now() < until) {
      const next = await Promise.race([reader.read(), timeout]);
      if (next === 'timeout' || next.done) break;
      dropped += next.value.byteLength;
    }
  } catch {
    // The client went away: nothing left to answer.
  } finally {
    clearTimeout(timer);
    void reader.cancel().catch(() => {});
  }
}
