// Asking for a sign-in link at /coach: how long the answer takes for a coach's address and for an unknown one, through
// the app with a real SQLite file. The two should match: the lookup, the link and its mail run after the answer.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as v from 'valibot';
import { ConfigSchema } from '../core/config.ts';
import { backgroundQueue } from '../server/coach/backgroundQueue.ts';
import { silentLogger } from '../server/logger.ts';
import { createApp } from '../server/serverApp.ts';
import { openSqliteStore } from '../server/store/sqlite/sqliteStore.ts';

const ROUNDS = 300;
const root = fileURLToPath(new URL('..', import.meta.url));
const config = v.parse(ConfigSchema, JSON.parse(readFileSync(join(root, 'examples/duet.config.json'), 'utf8')));
const dir = mkdtempSync(join(tmpdir(), 'duet-bench-coach-'));
const store = openSqliteStore(join(dir, 'duet.sqlite'));
const queue = backgroundQueue(silentLogger);
const app = createApp({
  config,
  store,
  log: silentLogger,
  clock: () => Date.now(),
  busy: () => ({}),
  distDir: dir,
  examplesDir: dir,
  coachQueue: queue,
  linkRate: { capacity: 1e9, refillPerMinute: 1e9 },
});
const origin = new URL(config.practice.baseUrl).origin;

async function ask(email: string): Promise<number> {
  const started = performance.now();
  const res = await app.request('/coach/link', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
    body: new URLSearchParams({ email }).toString(),
  });
  await res.text();
  const ms = performance.now() - started;
  // The link's work is not timed: it runs after the answer, and is finished before the next request.
  await queue.idle();
  return ms;
}

const known: number[] = [];
const unknown: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  // Alternating, so that warm-up and background work weigh on both alike; a fresh coach address each round
  // would be silently limited, so the coaches take turns (the limit drops the mail, not the work before it).
  known.push(await ask(config.coaches[i % config.coaches.length].email));
  unknown.push(await ask(`nobody${i}@example.org`));
}
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const round = (ms: number) => Math.round(ms * 1000) / 1000;
for (const [who, xs] of [
  ['coach', known],
  ['unknown', unknown],
] as const) {
  process.stdout.write(
    `${JSON.stringify({ bench: 'coach_signin_answer', address: who, requests: ROUNDS, median_ms: round(quantile(xs, 0.5)), p99_ms: round(quantile(xs, 0.99)) })}\n`,
  );
}
await queue.idle();
await store.close();
rmSync(dir, { recursive: true, force: true });
