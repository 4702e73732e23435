// valibot issues as the API's `{path, message}` pairs, shared by the server's 422 and the widget's field errors.
import * as v from 'valibot';

export interface FieldIssue { path: string; message: string }

/** Flattens valibot issues to dot paths such as `intake.people.1.email`. */
export function toFieldIssues(issues: readonly v.BaseIssue<unknown>[], prefix = ''): FieldIssue[] {
  return issues.map((issue) => {
    const path = v.getDotPath(issue) ?? '';
    return { path: prefix && path ? `${prefix}.${path}` : prefix || path, message: issue.message };
  });
}
