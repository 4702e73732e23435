// Property: whatever a client sends to POST /api/bookings, the answer is 2xx or 4xx, and a refused request changes nothing.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingBody } from '../support/fixtures.ts';
import { harness, NOW, type Harness } from '../support/apiHarness.ts';

type Json = unknown;
type Path = (string | number)[];

// Placeholders swapped into the JSON text, so that failures print short.
const DEEP = '"@@deep@@"';
const HUGE = '"@@huge@@"';

function paths(value: Json, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [prefix];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [prefix, ...keys.flatMap((k) => paths((value as Record<string | number, Json>)[k], [...prefix, k]))];
}

/** Sets an own property, even one named __proto__, so that JSON.stringify writes it. */
function put(target: Record<string | number, Json>, key: string | number, value: Json) {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function mutate(body: Json, pick: number, kind: 'set' | 'delete' | 'add', key: string, value: Json): Json {
  const copy = structuredClone(body);
  const all = paths(copy);
  const path = all[pick % all.length];
  if (path.length === 0) return kind === 'set' ? value : copy;
  const parent = path.slice(0, -1).reduce<Json>((node, k) => (node as Record<string | number, Json>)[k], copy) as Record<
    string | number,
    Json
  >;
  const last = path[path.length - 1];
  if (kind === 'set') put(parent, last, value);
  else if (kind === 'delete') delete parent[last];
  else {
    const node = parent[last];
    if (node && typeof node === 'object' && !Array.isArray(node)) put(node as Record<string, Json>, key, value);
    else put(parent, last, value);
  }
  return copy;
}

const nasty: fc.Arbitrary<Json> = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER * 4, -0, 5e-324, 0.1, 2026, true, null, [], {}),
  fc.constantFrom(
    '\ud800',
    'a\udfffb',
    '\u0000',
    'Ada\u0000',
    '\u202e',
    '"',
    '<script>',
    '1e999',
    '2026-13-45T99:99:99Z',
    '2026-11-03T13:00:00Z\n',
    '',
    ' ',
    'other',
    'co-founders',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constant(JSON.parse(HUGE)),
  fc.constant('y'.repeat(60_000)),
  fc.constant(JSON.parse(DEEP)),
  fc.dictionary(
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'),
    fc.anything({ maxDepth: 1 }),
  ),
);

const keyName = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'then', 'toJSON'), fc.string({ maxLength: 10 }));

describe('any body sent to POST /api/bookings', () => {
  let h: Harness;
  let valid: Json;
  beforeAll(async () => {
    h = harness();
    const [slot] = await h.slots();
    valid = { ...bookingBody(slot.start), meta: { honeypot: '', stamp: h.stamp() } };
  });
  afterAll(() => h.close());

  it('is answered 2xx or 4xx, and a refused one leaves the store as it was', async () => {
    const mutation = fc.record({
      path: fc.integer({ min: 0, max: 10_000 }),
      kind: fc.constantFrom('set', 'set', 'set', 'delete', 'add') as fc.Arbitrary<'set' | 'delete' | 'add'>,
      key: keyName,
      value: nasty,
      depth: fc.integer({ min: 10, max: 30_000 }),
      cut: fc.option(fc.integer({ min: 0, max: 2000 }), { freq: 5 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        let body = valid;
        for (const m of mutations) body = mutate(body, m.path, m.kind, m.key, m.value);
        let text = JSON.stringify(body) ?? 'null';
        const { depth, cut } = mutations[0];
        text = text.replace(DEEP, '['.repeat(depth) + ']'.repeat(depth)).replace(HUGE, JSON.stringify('x'.repeat(2_000_000)));
        if (cut !== null) text = text.slice(0, cut);
        const before = await h.counts();
        const res = await h.post('/api/bookings', text);
        const after = await h.counts();
        const sample = text.slice(0, 300);
        expect(res.status, sample).toBeGreaterThanOrEqual(200);
        expect(res.status, sample).toBeLessThan(500);
        const parsed = (await res.json()) as Record<string, unknown>;
        if (res.status >= 400) {
          expect(Object.keys(parsed)).toEqual(['error']);
          expect(after).toEqual(before);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('with unknown keys added anywhere (prototype names, deep nesting, huge strings) is still never a 5xx', async () => {
    const extra = fc.record({
      path: fc.integer({ min: 0, max: 10_000 }),
      key: keyName,
      value: fc.oneof(nasty, fc.constant(JSON.parse(DEEP))),
      depth: fc.integer({ min: 1_000, max: 30_000 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(extra, { minLength: 1, maxLength: 3 }), async (extras) => {
        let body = valid;
        for (const m of extras) body = mutate(body, m.path, 'add', m.key, m.value);
        const depth = extras[0].depth;
        const text = JSON.stringify(body)
          .replace(DEEP, '['.repeat(depth) + ']'.repeat(depth))
          .replace(HUGE, JSON.stringify('x'.repeat(2_000_000)));
        const before = await h.counts();
        const res = await h.post('/api/bookings', text);
        expect(res.status, text.slice(0, 300)).toBeLessThan(500);
        if (res.status >= 400) expect(await h.counts()).toEqual(before);
      }),
      { numRuns: 150 },
    );
  });
});
