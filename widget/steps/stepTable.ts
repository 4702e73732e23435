// The intake's one step table: each step's id, heading, the parts of the booking request it checks, the answers it
// holds and its component. It drives the order, Back and Next, validation, the review and its "Change" links.
// The first step is linked in; the others come from the later chunk (laterSteps.ts), here before anyone needs them.
import type { ComponentType } from 'preact';
import type { FieldIssue } from '../../core/issues.ts';
import type { Later } from '../laterSteps.ts';
import { Who } from './Who.tsx';

/** The top-level parts of the request a step's check runs (validate.ts holds the check of each). */
export type Section = 'people' | 'zoneTwo' | 'slot' | 'partnership' | 'focus' | 'sponsor' | 'agreements';

export type StepId = 'who' | 'time' | 'partnership' | 'focus' | 'sponsor' | 'agreements' | 'review';

export interface StepEntry {
  id: StepId;
  heading: string;
  sections: readonly Section[];
  /** The field paths it holds, and everything under them (`*` stands for one segment): errors there show on this step. */
  fields: readonly string[];
  body: (later: Later) => ComponentType;
  /** What the review lists for it (the review itself has none). */
  summary?: (later: Later) => ComponentType;
}

export const STEPS: readonly StepEntry[] = [
  {
    id: 'who',
    heading: 'The two of you',
    sections: ['people', 'zoneTwo'],
    fields: ['people.*.name', 'people.*.email', 'people.*.timeZone', 'zoneTwo', 'people'],
    body: () => Who,
    summary: (l) => l.summaries.who,
  },
  { id: 'time', heading: 'Choose a time', sections: ['slot'], fields: ['slot'], body: (l) => l.Time, summary: (l) => l.summaries.time },
  {
    id: 'partnership',
    heading: 'Your partnership',
    sections: ['partnership', 'people'],
    fields: ['partnership', 'people.*.role'],
    body: (l) => l.Partnership,
    summary: (l) => l.summaries.partnership,
  },
  { id: 'focus', heading: 'Focus', sections: ['focus'], fields: ['focus'], body: (l) => l.Focus, summary: (l) => l.summaries.focus },
  {
    id: 'sponsor',
    heading: 'Sponsor (optional)',
    sections: ['sponsor'],
    fields: ['hasSponsor', 'sponsor'],
    body: (l) => l.Sponsor,
    summary: (l) => l.summaries.sponsor,
  },
  {
    id: 'agreements',
    heading: 'Agreements',
    sections: ['agreements'],
    fields: ['agreements'],
    body: (l) => l.Agreements,
    summary: (l) => l.summaries.agreements,
  },
  { id: 'review', heading: 'Review and confirm', sections: [], fields: [], body: (l) => l.Review },
];
export const REVIEW = STEPS.length - 1;
export const indexOf = (id: StepId): number => STEPS.findIndex((s) => s.id === id);

export type Errors = Record<string, string>;

const matches = (pattern: string, field: string): boolean => {
  const p = pattern.split('.');
  const f = field.split('.');
  return p.length <= f.length && p.every((part, i) => part === '*' || part === f[i]);
};

/**
 * The step that holds a field: the one with the most specific pattern for it (`people.*.role` over `people`);
 * what no step holds (`meta`, the request as a whole) belongs to the review.
 */
export function stepOf(field: string): number {
  let best = REVIEW;
  let depth = 0;
  STEPS.forEach((s, i) => {
    for (const p of s.fields) {
      const d = p.split('.').length;
      if (d > depth && matches(p, field)) [best, depth] = [i, d];
    }
  });
  return best;
}

/** Server or client issue path → the field name used in the form (`intake.people.1.email` → `people.1.email`). */
export function fieldOf(path: string): string {
  const key = path.replace(/^intake\.?/, '');
  return key.startsWith('slot') ? 'slot' : key;
}

/** First message per field. */
export function toErrors(issues: readonly FieldIssue[]): Errors {
  const errors: Errors = {};
  for (const { path, message } of issues) errors[fieldOf(path)] ??= message;
  return errors;
}
