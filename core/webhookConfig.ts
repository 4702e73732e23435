// The `webhooks` list of the configuration file: where each endpoint is, its Standard Webhooks secret(s), the events
// it wants, whether it may see personal data. Every mistake is reported by its path, as for the rest of the file.
import * as v from 'valibot';
import { WEBHOOK_EVENTS } from './webhookEvents.ts';

/** Standard Webhooks: a symmetric secret is `whsec_` and base64 of 24 to 64 random bytes. */
const SECRET_BYTES = { min: 24, max: 64 };
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** How many bytes the base64 text decodes to, or -1 when it is not canonical base64 (atob is pure and everywhere). */
function decodedBytes(b64: string): number {
  if (!BASE64.test(b64) || b64.length % 4 !== 0) return -1;
  try {
    return atob(b64).length;
  } catch {
    return -1;
  }
}

const Secret = v.pipe(
  v.string('a secret is text like "whsec_…"'),
  v.check((s) => s.startsWith('whsec_'), 'a secret starts with "whsec_" (Standard Webhooks)'),
  v.check(
    (s) => !s.startsWith('whsec_') || decodedBytes(s.slice(6)) !== -1,
    'after "whsec_" a secret is base64 (A–Z, a–z, 0–9, +, /, = at the end)',
  ),
  v.check((s) => {
    const n = decodedBytes(s.slice(6));
    return n === -1 || (n >= SECRET_BYTES.min && n <= SECRET_BYTES.max);
  }, `a secret holds ${SECRET_BYTES.min} to ${SECRET_BYTES.max} random bytes: make one with  node -e "console.log('whsec_'+require('crypto').randomBytes(32).toString('base64'))"`),
);

/** Hosts a loopback flag may name: the machine itself, never a private network. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

const hostOf = (url: string) => {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
};

const Endpoint = v.pipe(
  v.strictObject({
    url: v.pipe(
      v.string('the endpoint\'s address, such as "https://crm.example.org/hooks/duet"'),
      v.url('expected an address such as "https://crm.example.org/hooks/duet"'),
      v.maxLength(2000),
      // Checked on its own, whatever else is wrong. (What is no address at all is v.url()'s to report.)
      v.check(
        (url) => hostOf(url) === '' || /^https:\/\//i.test(url) || (/^http:\/\//i.test(url) && isLoopbackHost(hostOf(url))),
        'a webhook goes out over https:// (http:// only to this machine itself, with allowLoopback: true)',
      ),
    ),
    // One secret, or a list while one is being replaced: every webhook is then signed with each of them.
    secret: v.union(
      [
        Secret,
        v.pipe(
          v.array(Secret),
          v.minLength(1, 'list at least one secret'),
          v.maxLength(3, 'at most three secrets at a time'),
          v.check((ss) => new Set(ss).size === ss.length, 'each secret once'),
        ),
      ],
      'a secret "whsec_…", or a list of them while one is rotated',
    ),
    events: v.pipe(
      v.array(v.picklist(WEBHOOK_EVENTS, `expected one of ${WEBHOOK_EVENTS.join(', ')}`)),
      v.minLength(1, 'list the events this endpoint wants'),
      v.check((es) => new Set(es).size === es.length, 'each event once'),
    ),
    // The people's emails and roles, the intake's answers and a cancel reason: off unless the practice turns it on.
    includePersonalData: v.optional(v.boolean('true or false'), false),
    // Delivery to this machine itself (http://127.0.0.1:…, http://localhost:…): an automation running beside Duet.
    allowLoopback: v.optional(v.boolean('true or false'), false),
  }),
  v.forward(
    v.check(
      (e) => !e.allowLoopback || isLoopbackHost(hostOf(e.url)),
      'allowLoopback is for an address on this machine (127.0.0.1, [::1] or localhost)',
    ),
    ['allowLoopback'],
  ),
  v.forward(
    v.check((e) => e.allowLoopback || !isLoopbackHost(hostOf(e.url)), 'an address on this machine needs allowLoopback: true'),
    ['url'],
  ),
);

export const WebhooksSchema = v.optional(
  v.pipe(
    v.array(Endpoint),
    v.check((es) => new Set(es.map((e) => e.url)).size === es.length, 'each endpoint address once'),
  ),
  [],
);

export type WebhookEndpointConfig = v.InferOutput<typeof Endpoint>;
