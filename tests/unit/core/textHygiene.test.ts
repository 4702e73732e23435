// What the cancel reason may hold: the duo's words reach the coaches' mail, so no control characters slip through.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { toFieldIssues } from '../../../core/issues.ts';
import { CancelRequestSchema } from '../../../core/manage.ts';

const issues = (reason: string) => {
  const result = v.safeParse(CancelRequestSchema, { token: 't', reason });
  return result.success ? [] : toFieldIssues(result.issues);
};

describe('the cancel reason', () => {
  it.each([
    ['a NUL', 'Sorry\u0000'],
    ['a bell', 'Sorry\u0007'],
    ['an escape sequence', '\u001b[2JSorry'],
    ['a DEL', 'Sorry\u007f'],
    ['a C1 control', 'Sorry\u009b'],
  ])('refuses %s', (_, reason) => {
    expect(issues(reason)).toEqual([{ path: 'reason', message: 'remove the hidden special characters from this answer' }]);
  });

  it('keeps line breaks and tabs, with Windows line ends as newlines', () => {
    const result = v.safeParse(CancelRequestSchema, { token: 't', reason: ' Ill.\r\nSorry\tagain ' });
    expect(result.success && result.output.reason).toBe('Ill.\nSorry\tagain');
  });
});
