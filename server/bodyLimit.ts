// Request bodies are capped while they stream in: a declared or counted size over the limit is 413 before the rest is read.
import type { MiddlewareHandler } from 'hono';
import { errorResponse } from './httpErrors.ts';

/**
 * Unlike hono/body-limit, the stream is counted even when Content-Length is present (a lying header
 * must not let more through), and a declared length over the limit is refused without reading at all.
 * The accepted body (at most `maxBytes`) is handed on as a fresh Request for the route to read.
 */
export function limitBody(maxBytes: number): MiddlewareHandler {
  const tooLarge = (c: Parameters<MiddlewareHandler>[0]) =>
    errorResponse(c, 413, 'too_large', `the body is larger than ${maxBytes} bytes`);
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
          void reader.cancel().catch(() => {});
          return tooLarge(c);
        }
        chunks.push(value);
      }
    } catch {
      return errorResponse(c, 400, 'invalid_json', 'the body could not be read');
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
