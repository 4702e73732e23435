// Golden files: output compared byte for byte with a committed file under tests/golden/ (CRLF kept).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const goldenFile = (name: string) => fileURLToPath(new URL(`../golden/${name}`, import.meta.url));

/**
 * Fails unless `actual` equals tests/golden/`name` exactly; a missing golden file fails too. UPDATE_GOLDEN=1
 * writes the file instead (review the diff before committing it).
 */
export function expectGolden(name: string, actual: string) {
  const file = goldenFile(name);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, actual);
  expect(existsSync(file), `tests/golden/${name} is missing: run with UPDATE_GOLDEN=1 to write it, then review it`).toBe(true);
  expect(readFileSync(file).equals(Buffer.from(actual, 'utf8')), `${name} differs from its golden file`).toBe(true);
}
