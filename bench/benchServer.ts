// The real server process (server/main.ts) for the benchmarks: a temporary data folder, a config read from
// examples/ with one trusted proxy hop (so that a race's 100 clients, one X-Forwarded-For each, are not rate
// limited as one), file outbox, a free port; a bench may change the config and add to the environment.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { formStamps } from '../server/booking/formStamp.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface BenchServerOptions {
  configFile?: string;
  /** Changes to the example config before the server reads it (a busy feed, say). */
  editConfig?: (config: any) => void;
  /** More environment, e.g. DATABASE_URL or DUET_FEED_REFRESH_MS. */
  env?: Record<string, string>;
  /** The form-stamp key, when several instances must honour one another's stamps. */
  stampKey?: Buffer;
}

export async function startBenchServer(opts: BenchServerOptions = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'duet-bench-'));
  const config = JSON.parse(readFileSync(join(root, opts.configFile ?? 'examples/duet.config.json'), 'utf8'));
  config.practice.trustProxyHops = 1;
  opts.editConfig?.(config);
  writeFileSync(join(dataDir, 'config.json'), JSON.stringify(config));
  // The key the server will sign form stamps with, so that the benchmarks' bookings carry a genuine one.
  const key = opts.stampKey ?? randomBytes(32);
  const stamps = formStamps(key);
  const proc = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      DUET_DATA: dataDir,
      DUET_CONFIG: join(dataDir, 'config.json'),
      SMTP_URL: '',
      DUET_FORM_STAMP_KEY: key.toString('hex'),
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d;
      const m = /running on (http:\/\/localhost:\d+)/.exec(out);
      if (!m) return;
      // From here on the request log is only drained: keeping and scanning it would load this process.
      proc.stdout.off('data', onData);
      proc.stdout.resume();
      resolve(m[1].replace('localhost', '127.0.0.1'));
    };
    proc.stdout.on('data', onData);
    proc.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return {
    url,
    /** A genuine form stamp issued a minute ago (past the minimum fill time). */
    stamp: () => stamps.issue(Date.now() - 60_000),
    async stop() {
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
