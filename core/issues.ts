// valibot issues as the API's `{path, message}` pairs, shared by the server's 422 and the widget's field errors.
import * as v from 'valibot';

export interface FieldIssue {
  path: string;
  message: string;
}

/**
 * valibot's own messages end "… but received <the input>"; an answer must never be echoed (it may be an address
 * or a confidential answer, and 422s travel through proxies and logs), so those keep only what was expected.
 */
function quiet(issue: v.BaseIssue<unknown>): string {
  if (!issue.message.endsWith(`eceived ${issue.received}`)) return issue.message;
  return issue.expected ? `Invalid ${issue.kind}: expected ${issue.expected}` : `Invalid ${issue.kind}`;
}

/** Flattens valibot issues to dot paths such as `intake.people.1.email`. */
export function toFieldIssues(issues: readonly v.BaseIssue<unknown>[], prefix = ''): FieldIssue[] {
  return issues.map((issue) => {
    const path = v.getDotPath(issue) ?? '';
    return { path: prefix && path ? `${prefix}.${path}` : prefix || path, message: quiet(issue) };
  });
}
