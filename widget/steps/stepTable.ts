// The intake's one step table: each step's id, heading, the parts of the booking request it checks, the answers it
// holds and its component. It drives the order, Back and Next, validation, the review and its "Change" links.
// The first step is linked in; the others come from the later chunk (laterSteps.ts), here before anyone needs them.
import type { ComponentType } from 'preact';
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
