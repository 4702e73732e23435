// What the embed builder writes for a site editor: the exact line, wrapper and CSP lines, and how a typed address
// becomes the origin a browser sends.
import { describe, expect, it } from 'vitest';
import {
  allowedOriginsLine,
  cspDirectives,
  cspHeader,
  embedLine,
  previewPath,
  readEmbedChoice,
  siteOrigin,
  targetProblem,
  WRAPPER_CSS,
  wrapperHtml,
} from '../../../core/embedSnippet.ts';

const SERVER = 'https://book.example.org';

describe('the one line', () => {
  it('is the README line when nothing is chosen', () => {
    expect(embedLine(SERVER, {})).toBe('<script src="https://book.example.org/embed.js" async data-duet></script>');
  });

  it('carries each choice as the loader reads it', () => {
    expect(embedLine(SERVER, readEmbedChoice({ accent: '#29443A', locale: 'en-US', target: '#booking' }))).toBe(
      '<script src="https://book.example.org/embed.js" async data-duet data-duet-accent="#29443a" data-duet-locale="en-US" data-duet-target="#booking"></script>',
    );
  });

  it('leaves out the default accent and every malformed choice (nothing can end the attribute)', () => {
    expect(readEmbedChoice({ accent: '#1D4ED8', locale: 'en_US"><x', target: 'a b' })).toEqual({});
    expect(readEmbedChoice({ accent: 'red;}', locale: '', target: '1st' })).toEqual({});
    expect(readEmbedChoice({ accent: null, locale: undefined, target: '  ' })).toEqual({});
  });

  it('says why a target id cannot be used', () => {
    expect(targetProblem('')).toBe('');
    expect(targetProblem('#team-booking')).toBe('');
    expect(targetProblem('team booking')).toMatch(/^Use letters, digits, dashes and underscores/);
  });
});

describe('the wrapper and the policy', () => {
  it('wraps the line in the element that keeps its space, or gives the target element and the line after it', () => {
    expect(wrapperHtml(SERVER, {})).toBe(
      '<div class="duet-booking"><script src="https://book.example.org/embed.js" async data-duet></script></div>',
    );
    expect(wrapperHtml(SERVER, { target: 'booking' })).toBe(
      '<div id="booking" class="duet-booking"></div>\n<script src="https://book.example.org/embed.js" async data-duet data-duet-target="#booking"></script>',
    );
    expect(WRAPPER_CSS).toBe('.duet-booking { min-height: 50rem; }\n@media (max-width: 30rem) { .duet-booking { min-height: 56rem; } }');
  });

  it('adds the server to script-src and connect-src only', () => {
    expect(cspDirectives(SERVER)).toBe("script-src 'self' https://book.example.org\nconnect-src 'self' https://book.example.org");
    expect(cspHeader(SERVER)).toBe(
      "Content-Security-Policy: default-src 'self'; script-src 'self' https://book.example.org; " +
        "style-src 'self'; connect-src 'self' https://book.example.org",
    );
  });

  it('names the preview of a choice by the same choices', () => {
    expect(previewPath({})).toBe('/embed/preview');
    expect(previewPath({ accent: '#29443a', locale: 'de-DE', target: 'booking' })).toBe(
      '/embed/preview?accent=%2329443a&locale=de-DE&target=booking',
    );
  });
});

describe('a typed address', () => {
  it.each([
    ['https://www.example.org', 'https://www.example.org'],
    ['https://www.example.org/coaching/?x=1#book', 'https://www.example.org'],
    ['www.example.org/about', 'https://www.example.org'],
    ['  WWW.Example.ORG  ', 'https://www.example.org'],
    ['http://localhost:8080/page', 'http://localhost:8080'],
    ['localhost:8080', 'https://localhost:8080'],
    ['https://www.example.org:443/', 'https://www.example.org'],
    ['https://bücher.example/', 'https://xn--bcher-kva.example'],
  ])('%s is the origin %s', (typed, origin) => {
    expect(siteOrigin(typed)).toBe(origin);
  });

  it.each([
    '',
    'not an address',
    'ftp://files.example.org',
    'javascript:alert(1)',
    'mailto:a@example.org',
    'https://user:pw@example.org',
    'https://',
  ])('%j is no site', (typed) => {
    expect(siteOrigin(typed)).toBeNull();
  });

  it('becomes the config line with it added, once', () => {
    expect(allowedOriginsLine(['https://wbt.example'], 'https://www.example.org')).toBe(
      '"allowedOrigins": ["https://wbt.example", "https://www.example.org"]',
    );
    expect(allowedOriginsLine([], 'https://www.example.org')).toBe('"allowedOrigins": ["https://www.example.org"]');
    expect(allowedOriginsLine(['https://www.example.org'], 'https://www.example.org')).toBe(
      '"allowedOrigins": ["https://www.example.org"]',
    );
  });
});
