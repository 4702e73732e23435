// A second process that holds the SQLite store's write lock, as another server or a stuck tool on the same file would.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface LockHolder {
  release(): Promise<void>;
}

/** Resolves once the other process holds the write lock of the store at `file`. */
export async function holdStoreLock(file: string): Promise<LockHolder> {
  const script = fileURLToPath(new URL('./storeLockProcess.ts', import.meta.url));
  const proc = spawn(process.execPath, ['--import', 'tsx', script, file], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    proc.stdout.on('data', (d) => {
      out += d;
      if (out.includes('locked')) resolve();
    });
    proc.stderr.on('data', (d) => (out += d));
    proc.on('exit', (code) => reject(new Error(`the lock holder exited with ${code}: ${out}`)));
  });
  return {
    release: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.stdin.end();
      }),
  };
}
