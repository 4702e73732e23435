// What a link may choose in advance: only the form's own non-personal options, in one canonical address.
import { describe, expect, it } from 'vitest';
import { FOCUS_AREAS, RELATIONSHIPS, SPONSOR_RELATIONS } from '../../../core/intake.ts';
import { preselectionQuery, readPreselection } from '../../../core/preselect.ts';

describe('a preselection', () => {
  it("keeps the issue's example as it is", () => {
    const p = readPreselection({ relationship: 'co-founders', focus: 'trust,roles', sponsor: 'board' });
    expect(p).toEqual({ relationship: 'co-founders', focus: ['trust', 'roles'], sponsor: 'board' });
    expect(preselectionQuery(p)).toBe('relationship=co-founders&focus=trust,roles&sponsor=board');
  });

  it('accepts every option of the schema, and nothing else', () => {
    for (const r of RELATIONSHIPS) expect(readPreselection({ relationship: r }).relationship).toBe(r);
    expect(readPreselection({ focus: FOCUS_AREAS.join(',') }).focus).toEqual([...FOCUS_AREAS]);
    for (const s of SPONSOR_RELATIONS) expect(readPreselection({ sponsor: s }).sponsor).toBe(s);
    expect(readPreselection({ relationship: 'enemies', focus: 'money,,Trust', sponsor: 'ada@example.com' })).toEqual({});
    expect(readPreselection({ relationship: 'constructor', focus: '__proto__,toString', sponsor: 'hasOwnProperty' })).toEqual({});
  });

  it('drops unknown focus areas and repeats, keeping the known ones in their order', () => {
    expect(readPreselection({ focus: ' roles ,bogus,trust,roles' }).focus).toEqual(['roles', 'trust']);
  });

  it('is no query at all when nothing is chosen', () => {
    expect(preselectionQuery(readPreselection({}))).toBe('');
  });
});
