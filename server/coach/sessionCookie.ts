// The coaches' page's session cookie: 256 random bits, HttpOnly, SameSite=Strict, Secure (with the __Host- prefix)
// when the public address is https, for 12 hours. The store keeps only its hash.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Config } from '../../core/config.ts';
import { HOUR_MS } from '../../core/time.ts';

export const SESSION_MS = 12 * HOUR_MS;

export interface CookiePolicy {
  name: string;
  secure: boolean;
}

export function cookiePolicy(config: Config): CookiePolicy {
  const secure = new URL(config.practice.baseUrl).protocol === 'https:';
  return { name: secure ? '__Host-duet_coach' : 'duet_coach', secure };
}

const options = (p: CookiePolicy) => ({ path: '/', httpOnly: true, sameSite: 'Strict' as const, secure: p.secure });

export function readSessionCookie(c: Context, p: CookiePolicy): string | undefined {
  const value = getCookie(c, p.name);
  return value && /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : undefined;
}

export function writeSessionCookie(c: Context, p: CookiePolicy, secret: string) {
  setCookie(c, p.name, secret, { ...options(p), maxAge: SESSION_MS / 1000 });
}

export function clearSessionCookie(c: Context, p: CookiePolicy) {
  deleteCookie(c, p.name, options(p));
}
