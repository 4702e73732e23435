// DATABASE_URL as the log and error messages may show it: host, port and database, never the user's password.

/** `host:port/database` of a postgres:// or postgresql:// address, or undefined when it is not one. */
export function databaseLabel(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') return undefined;
  const host = parsed.searchParams.get('host') ?? (parsed.host || 'localhost');
  return `${host}${parsed.pathname || '/'}`;
}
