// The form stamp's key in DUET_DATA: made once on the first start, the same for every later start and for two
// servers starting on one folder at the same moment; a damaged key file is refused, not replaced.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { formStamps, loadStampKey, STAMP_KEY_FILE } from '../../../../server/booking/formStamp.ts';

const root = fileURLToPath(new URL('../../../..', import.meta.url));
const dirs: string[] = [];
const folder = () => {
  const d = mkdtempSync(join(tmpdir(), 'duet-key-'));
  dirs.push(d);
  return d;
};
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

/** A separate process loading the key from `dir`, as a server starting there would: prints it in hex. */
const keyFromProcess = (dir: string) => new Promise<string>((resolve, reject) => {
  const child = spawn(process.execPath, ['--import', 'tsx', '-e',
    `import('./server/booking/formStamp.ts').then((m) => process.stdout.write(m.loadStampKey(${JSON.stringify(dir)}).toString('hex')))`], { cwd: root });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}`))));
});

describe('the form stamp key', () => {
  it('is made on the first start, readable by its owner only, and the same on every later one', () => {
    const dir = folder();
    const key = loadStampKey(dir);
    expect(key).toHaveLength(32);
    expect(statSync(join(dir, STAMP_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(loadStampKey(dir).equals(key)).toBe(true);
    // A stamp issued before a restart is honoured after it.
    const stamp = formStamps(key).issue(1_000_000);
    expect(formStamps(loadStampKey(dir)).read(stamp, 1_060_000)).toEqual({ ok: true, issuedAt: 1_000_000 });
  });

  it('is one key for two servers that start on one folder at the same moment', async () => {
    const dir = folder();
    const keys = await Promise.all([keyFromProcess(dir), keyFromProcess(dir), keyFromProcess(dir)]);
    expect(keys[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(keys).size).toBe(1);
    expect(readFileSync(join(dir, STAMP_KEY_FILE), 'utf8').trim()).toBe(keys[0]);
  });

  it('refuses a damaged key file rather than quietly replacing it', () => {
    const dir = folder();
    writeFileSync(join(dir, STAMP_KEY_FILE), 'not a key');
    expect(() => loadStampKey(dir)).toThrow(/does not hold a Duet key/);
    expect(readFileSync(join(dir, STAMP_KEY_FILE), 'utf8')).toBe('not a key');
  });
});
