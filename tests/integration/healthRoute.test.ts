// GET /healthz as a monitor or load balancer reads it: 200 while the store answers, 503 once it does not.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { harness, type Harness } from '../support/apiHarness.ts';

let h: Harness;
beforeEach(() => {
  h = harness();
});
afterEach(() => h.close());

describe('the health check', () => {
  it('answers 200 with an empty outbox while the store answers', async () => {
    const res = await h.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, feeds: [], outbox: { pending: 0, failed: 0, oldestPendingAgeMs: 0 } });
  });

  it('answers 503, not a 500, once the store no longer answers', async () => {
    await h.store.close();
    const res = await h.request('/healthz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ok: false, feeds: [] });
  });
});
