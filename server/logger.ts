// Structured JSON log lines. Callers pass ids and codes only: never names, emails, tokens, answers or feed URLs.

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  info(fields: LogFields): void;
  warn(fields: LogFields): void;
}

export function jsonLogger(write: (line: string) => void = (l) => process.stdout.write(l + '\n')): Logger {
  const emit = (level: string, fields: LogFields) => write(JSON.stringify({ time: new Date().toISOString(), level, ...fields }));
  return { info: (f) => emit('info', f), warn: (f) => emit('warn', f) };
}

export const silentLogger: Logger = { info() {}, warn() {} };
