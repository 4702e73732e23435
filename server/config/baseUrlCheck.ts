// The one setup mistake that otherwise fails late: practice.baseUrl on this machine (localhost) with another port
// than the server listens on. The page then comes from an origin the API does not allow, and mail links go nowhere.
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** A warning for the operator, or null when baseUrl can be this server (or is a public address behind a proxy). */
export function baseUrlWarning(baseUrl: string, listeningPort: number): string | null {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return null; // the config check has refused it already
  }
  if (!LOOPBACK.test(url.hostname)) return null;
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  if (port === listeningPort) return null;
  const here = `${url.protocol}//${url.hostname}:${listeningPort}`;
  return (
    `Duet: practice.baseUrl is ${url.origin}, but the server listens on port ${listeningPort}. ` +
    `A page opened at ${here} may not book, and links in mails point to port ${port}. ` +
    `Set practice.baseUrl to "${here}" in the configuration, or start with PORT=${port}.`
  );
}
