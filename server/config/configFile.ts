// Reads the practice's JSON configuration and validates it with the shared valibot schema.
import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { ConfigSchema, type Config } from '../../core/config.ts';
import { toFieldIssues } from '../../core/issues.ts';

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

/** Parses config text; every mistake comes back as "path: message". */
export function parseConfig(text: string): ConfigResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`not valid JSON: ${(e as Error).message}`] };
  }
  const parsed = v.safeParse(ConfigSchema, raw);
  if (parsed.success) return { ok: true, config: parsed.output };
  return { ok: false, errors: toFieldIssues(parsed.issues).map((i) => `${i.path || '(root)'}: ${i.message}`) };
}

/** Reads and validates the config file at `path`. */
export function loadConfig(path: string): ConfigResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { ok: false, errors: [`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`] };
  }
  return parseConfig(text);
}
