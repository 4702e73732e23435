// The practice's pages as a browser and a link preview read them: /book (and /), the /embed builder and its
// preview, GET /api/origin-check, and the example site under /examples/. HTML is read with jsdom, hashes with
// node:crypto, the config line by parsing it as JSON and booking-origin behaviour by the server's own CORS answer.
import { createHash } from 'node:crypto';
import { JSDOM } from 'jsdom';
import { afterEach, describe, expect, it } from 'vitest';
import type { OriginCheck } from '../../core/api.ts';
import { testConfig } from '../support/fixtures.ts';
import { harness, type Harness } from '../support/apiHarness.ts';

let h: Harness | undefined;
afterEach(() => {
  h?.close();
  h = undefined;
});

const open = (over: Parameters<typeof testConfig>[0] = {}) => (h = harness({ config: testConfig(over) }));
const dom = (html: string) => new JSDOM(html).window.document;
const meta = (doc: Document, key: string) =>
  doc.querySelector(`meta[property="${key}"], meta[name="${key}"]`)?.getAttribute('content') ?? null;
const csp = (res: Response) => res.headers.get('content-security-policy') ?? '';

/** Every <style> of the page is allowed by its sha256 in the policy, and nothing inline else is. */
function stylesAllowed(doc: Document, policy: string) {
  const styleSrc = policy
    .split(';')
    .map((d) => d.trim())
    .find((d) => d.startsWith('style-src '))!;
  for (const style of doc.querySelectorAll('style')) {
    const hash = `'sha256-${createHash('sha256').update(style.textContent!).digest('base64')}'`;
    expect(styleSrc.split(' ')).toContain(hash);
  }
  expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);
  expect([...doc.querySelectorAll('script')].every((s) => s.getAttribute('src'))).toBe(true);
}

describe('the booking page', () => {
  it("is the practice's name, the opening line and the widget, nothing else, under a same-origin policy", async () => {
    const app = open({ practice: { name: 'Smith & Jones <Coaching>', description: 'Support for two leaders, guided by two coaches.' } });
    const res = await app.request('/book');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(csp(res)).toMatch(/^default-src 'none'; script-src 'self'; style-src 'self' 'sha256-[^']+'; connect-src 'self';/);
    expect(csp(res)).toContain("frame-ancestors 'self' http://localhost:8787");
    expect(res.headers.get('x-robots-tag')).toBeNull();
    const doc = dom(await res.text());
    stylesAllowed(doc, csp(res));
    const main = doc.querySelector('main')!;
    expect([...main.children].map((e) => e.tagName.toLowerCase() + (e.className ? `.${e.className}` : ''))).toEqual([
      'h1',
      'p.lead',
      'div.duet-booking',
      'noscript',
    ]);
    expect(main.querySelector('h1')!.textContent).toBe('Smith & Jones <Coaching>');
    expect(main.querySelector('.lead')!.textContent).toBe('Support for two leaders, guided by two coaches.');
    const scripts = doc.querySelectorAll('script');
    expect(scripts).toHaveLength(1);
    expect(scripts[0].outerHTML).toBe('<script src="/embed.js" async="" data-duet=""></script>');
    expect(scripts[0].parentElement!.className).toBe('duet-booking');
    expect(doc.title).toBe('2:2 Coaching discovery call — Smith & Jones <Coaching>');
  });

  it('previews well when shared: Open Graph and Twitter card from the config, with its picture when there is one', async () => {
    const app = open({
      practice: {
        name: 'WBT Coaching',
        description: 'Two leaders, two coaches.',
        shareImage: 'https://wbt.example/share.png',
        baseUrl: 'https://book.wbt.example',
      },
    });
    const doc = dom(await (await app.request('/book?relationship=peers')).text());
    expect({
      title: meta(doc, 'og:title'),
      description: meta(doc, 'og:description'),
      url: meta(doc, 'og:url'),
      site: meta(doc, 'og:site_name'),
      type: meta(doc, 'og:type'),
      image: meta(doc, 'og:image'),
      card: meta(doc, 'twitter:card'),
      tTitle: meta(doc, 'twitter:title'),
      tDescription: meta(doc, 'twitter:description'),
      tImage: meta(doc, 'twitter:image'),
      plain: meta(doc, 'description'),
      canonical: doc.querySelector('link[rel=canonical]')?.getAttribute('href'),
    }).toEqual({
      title: '2:2 Coaching discovery call',
      description: 'Two leaders, two coaches.',
      url: 'https://book.wbt.example/book',
      site: 'WBT Coaching',
      type: 'website',
      image: 'https://wbt.example/share.png',
      card: 'summary_large_image',
      tTitle: '2:2 Coaching discovery call',
      tDescription: 'Two leaders, two coaches.',
      tImage: 'https://wbt.example/share.png',
      plain: 'Two leaders, two coaches.',
      canonical: 'https://book.wbt.example/book',
    });
  });

  it('without a description or picture says what the call is, as a summary card', async () => {
    const app = open({ call: { minutes: 30, title: 'Discovery call' } });
    const doc = dom(await (await app.request('/book')).text());
    const line =
      'A free 30-minute discovery call with two of our coaches: tell us about the two of you, then choose a time that suits you both.';
    expect(doc.querySelector('.lead')!.textContent).toBe(line);
    expect(meta(doc, 'og:description')).toBe(line);
    expect(meta(doc, 'og:title')).toBe('Discovery call');
    expect(meta(doc, 'twitter:card')).toBe('summary');
    expect(meta(doc, 'og:image')).toBeNull();
    expect(meta(doc, 'twitter:image')).toBeNull();
  });

  it('is also what / shows', async () => {
    const app = open();
    expect(await (await app.request('/')).text()).toBe(await (await app.request('/book')).text());
  });

  it('hands the non-personal choices of its address to the widget', async () => {
    const app = open();
    const res = await app.request('/book?relationship=co-founders&focus=trust,roles&sponsor=board');
    expect(res.status).toBe(200);
    const script = dom(await res.text()).querySelector('script[data-duet]') as HTMLScriptElement;
    expect({ ...script.dataset }).toEqual({ duet: '', duetRelationship: 'co-founders', duetFocus: 'trust,roles', duetSponsor: 'board' });
  });

  it.each([
    ['/book?relationship=peers&name=Ada+Lovelace&email=ada%40example.com', '/book?relationship=peers'],
    ['/?email=ada@example.com&organization=Acme&context=We+fight', '/'],
    ['/book?relationship=enemies&focus=trust,bogus,trust&sponsor=', '/book?focus=trust'],
    ['/book?focus=trust%2Croles', '/book?focus=trust,roles'],
    ['/book?people.0.name=Ada&sponsor.email=chair@example.com&sponsor=supervisor', '/book?sponsor=supervisor'],
  ])('drops everything else from the address: %s → %s', async (from, to) => {
    const app = open();
    const res = await app.request(from);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(to);
    const body = await res.text();
    expect(body).not.toMatch(/Ada|example\.com|Acme|fight/);
    expect(JSON.stringify(app.logs)).not.toMatch(/Ada|example\.com|Acme|fight/);
  });
});

describe('GET /api/origin-check', () => {
  const practice = { baseUrl: 'https://book.wbt.example', allowedOrigins: ['https://wbt.example'] };
  const ask = async (app: Harness, origin: string) => {
    const res = await app.request(`/api/origin-check?origin=${encodeURIComponent(origin)}`);
    return { status: res.status, body: await res.json() };
  };

  it('says a listed site and the server itself may book', async () => {
    const app = open({ practice });
    expect(await ask(app, 'https://wbt.example')).toEqual({
      status: 200,
      body: { origin: 'https://wbt.example', allowed: true, because: 'listed' },
    });
    expect(await ask(app, 'https://book.wbt.example/book')).toEqual({
      status: 200,
      body: { origin: 'https://book.wbt.example', allowed: true, because: 'own' },
    });
  });

  it('gives the exact config line for a site that may not, and with that line the site may book', async () => {
    const app = open({ practice });
    const { status, body } = await ask(app, 'www.example.org/coaching?x=1');
    expect(status).toBe(200);
    expect(body).toEqual({
      origin: 'https://www.example.org',
      allowed: false,
      line: '"allowedOrigins": ["https://wbt.example", "https://www.example.org"]',
    });
    // Refused today: no CORS answer for it (GET /api/config alone answers every page, to say it may not book),
    // and a booking from there is 403.
    const before = await app.request('/api/availability', { headers: { origin: 'https://www.example.org' } });
    expect(before.headers.get('access-control-allow-origin')).toBeNull();
    app.close();
    // The line pasted into "practice" as it says: the same site now gets its CORS answer and is told it may book.
    const { allowedOrigins } = JSON.parse(`{${(body as OriginCheck & { line: string }).line}}`);
    const after = open({ practice: { ...practice, allowedOrigins } });
    const cors = await after.request('/api/availability', { headers: { origin: 'https://www.example.org' } });
    expect(cors.headers.get('access-control-allow-origin')).toBe('https://www.example.org');
    expect((await ask(after, 'https://www.example.org')).body).toEqual({
      origin: 'https://www.example.org',
      allowed: true,
      because: 'listed',
    });
  });

  it.each([
    ['nothing', ''],
    ['words', 'not an address'],
    ['another scheme', 'ftp://files.example.org'],
    ['a script', 'javascript:alert(1)'],
    ['3,000 characters', `https://${'a'.repeat(3000)}.example`],
  ])('refuses %s by its field', async (_, origin) => {
    const app = open({ practice });
    const res = await app.request(`/api/origin-check${origin ? `?origin=${encodeURIComponent(origin)}` : ''}`);
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.code).toBe('invalid');
    expect(body.error.issues.map((i: { path: string }) => i.path)).toEqual(['origin']);
    expect(JSON.stringify(body)).not.toContain('files.example.org');
  });
});

describe('the embed builder', () => {
  it('serves its script as a file under a policy with no inline script, and shows the README line by default', async () => {
    const app = open();
    const res = await app.request('/embed');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-robots-tag')).toBe('noindex');
    expect(csp(res)).toMatch(/script-src 'self';/);
    expect(csp(res)).toContain("frame-src 'self' http://localhost:8787");
    const doc = dom(await res.text());
    stylesAllowed(doc, csp(res));
    expect([...doc.querySelectorAll('script')].map((s) => `${s.type} ${s.getAttribute('src')}`)).toEqual(['module /embed-builder.js']);
    expect(doc.getElementById('out-line')!.textContent).toBe('<script src="http://localhost:8787/embed.js" async data-duet></script>');
    expect(doc.getElementById('preview')!.getAttribute('src')).toBe('/embed/preview');
    for (const control of doc.querySelectorAll('input:not([type=hidden]), select')) {
      expect(doc.querySelector(`label[for="${control.id}"]`) ?? control.closest('label'), control.id).not.toBeNull();
    }
  });

  it('writes the chosen options into the line, the wrapper and the preview, which shows exactly that wrapper', async () => {
    const app = open();
    const doc = dom(await (await app.request('/embed?accent=%2329443A&locale=en-US&target=booking')).text());
    const line =
      '<script src="http://localhost:8787/embed.js" async data-duet data-duet-accent="#29443a" data-duet-locale="en-US" data-duet-target="#booking"></script>';
    expect(doc.getElementById('out-line')!.textContent).toBe(line);
    const wrapper = doc.getElementById('out-wrapper')!.textContent!;
    expect(wrapper).toBe(`<div id="booking" class="duet-booking"></div>\n${line}`);
    expect((doc.getElementById('accent') as HTMLInputElement).value).toBe('#29443a');
    expect((doc.querySelector('#locale option[selected]') as HTMLOptionElement).value).toBe('en-US');
    const src = doc.getElementById('preview')!.getAttribute('src')!;
    expect(src).toBe('/embed/preview?accent=%2329443a&locale=en-US&target=booking');
    const preview = await app.request(src);
    expect(csp(preview)).toContain("frame-ancestors 'self'");
    expect(csp(preview)).toContain("script-src 'self' http://localhost:8787");
    expect(await preview.text()).toContain(wrapper);
  });

  it('ignores malformed choices instead of writing them into a page', async () => {
    const app = open();
    const doc = dom(await (await app.request('/embed?accent=red%22%3E%3Cscript%3E&locale=%3Cx%3E&target=%22%3E%3Cimg')).text());
    expect(doc.getElementById('out-line')!.textContent).toBe('<script src="http://localhost:8787/embed.js" async data-duet></script>');
    expect(doc.querySelectorAll('img, script:not([src="/embed-builder.js"])')).toHaveLength(0);
  });

  it('answers "may my site book?" without JavaScript too, with the line to add', async () => {
    const app = open({ practice: { allowedOrigins: ['https://wbt.example'] } });
    const refused = dom(await (await app.request('/embed?site=www.example.org%2Fabout')).text());
    expect(refused.querySelector('#site-answer .no')!.textContent).toBe(
      'https://www.example.org may not book yet: a booking from there would be refused.',
    );
    expect(refused.getElementById('out-origin')!.textContent).toBe('"allowedOrigins": ["https://wbt.example", "https://www.example.org"]');
    const listed = dom(await (await app.request('/embed?site=https%3A%2F%2Fwbt.example')).text());
    expect(listed.querySelector('#site-answer .ok')!.textContent).toBe('https://wbt.example may book: it is in practice.allowedOrigins.');
    const wrong = dom(await (await app.request('/embed?site=not+a+site')).text());
    expect(wrong.querySelector('#site-answer .no')!.textContent).toMatch(/^That is not a web address/);
  });
});
