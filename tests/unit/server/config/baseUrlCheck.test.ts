// npm start warns when practice.baseUrl names this machine on another port than the server listens on: today that
// serves a widget whose page may not book, and mails whose links go nowhere.
import { describe, expect, it } from 'vitest';
import { baseUrlWarning } from '../../../../server/config/baseUrlCheck.ts';

describe('the baseUrl warning', () => {
  it('names both ports and the fix when a localhost baseUrl has another port', () => {
    expect(baseUrlWarning('http://localhost:8787', 8811)).toBe(
      'Duet: practice.baseUrl is http://localhost:8787, but the server listens on port 8811. A page opened at ' +
        'http://localhost:8811 may not book, and links in mails point to port 8787. Set practice.baseUrl to ' +
        '"http://localhost:8811" in the configuration, or start with PORT=8787.',
    );
    expect(baseUrlWarning('http://127.0.0.1', 8787)).toContain('links in mails point to port 80');
  });

  it('says nothing when the ports agree, or when baseUrl is a public address (a proxy in front is normal)', () => {
    expect(baseUrlWarning('http://localhost:8787', 8787)).toBeNull();
    expect(baseUrlWarning('http://localhost:8787/', 8787)).toBeNull();
    expect(baseUrlWarning('https://book.example.org', 8787)).toBeNull();
    expect(baseUrlWarning('https://book.example.org:8443', 8787)).toBeNull();
  });
});
