// The practice's own words (from its description of 2:2 coaching): English defaults for every label the duo reads.
import type { AGREEMENTS, FOCUS_AREAS, RELATIONSHIPS, SPONSOR_RELATIONS } from './intake.ts';

export const RELATIONSHIP_LABELS: Record<(typeof RELATIONSHIPS)[number], string> = {
  'co-founders': 'Co-founders',
  'co-leads': 'Co-leads',
  'manager-report': 'Manager and direct report',
  peers: 'Peers',
  other: 'Other',
};

export const FOCUS_LABELS: Record<(typeof FOCUS_AREAS)[number], string> = {
  trust: 'Building or repairing trust',
  communication: 'Clarifying communication and collaboration norms',
  tension: 'Surfacing and navigating tension',
  roles: 'Setting or reworking roles, goals, and expectations',
  culture: 'Building a shared culture for your team',
  other: 'Something else',
};

export const SPONSOR_RELATION_LABELS: Record<(typeof SPONSOR_RELATIONS)[number], string> = {
  supervisor: 'A supervisor',
  board: 'A Board',
  other: 'Someone else',
};

/** The notice as a sentence says it: "24 hours’", "1 hour’s" (from call.cancelNoticeHours, the seed's 24 by default). */
export const noticeWords = (hours: number): string => (hours === 1 ? '1 hour’s' : `${hours} hours’`);

/** The first agreement, with the notice the practice configured: what the duo ticks must match what the server enforces. */
export const noticeAgreement = (hours: number): string =>
  `We will keep appointments and honor commitments, and give ${noticeWords(hours)} notice to cancel or reschedule.`;

export const AGREEMENT_LABELS: Record<(typeof AGREEMENTS)[number], string> = {
  notice: noticeAgreement(24),
  presence:
    'We will give ourselves a 10-minute buffer on either end of our sessions in order to be fully present (we know this isn’t always possible), and turn off notifications during them.',
  confidentiality:
    'We understand the coaches adhere to the ICF Code of Ethics and support a confidential, trusting and professional relationship.',
  commitment: 'Both of us sincerely want to improve our working relationship and are open to change.',
};

export const SPONSOR_NOTE =
  'If a supervisor or Board sponsors your 2:2 coaching, here is what they can expect: an acknowledgment that the ' +
  'coaches are not responsible for any action or inaction, or for any direct or indirect result of the 2:2 coaching ' +
  'services (our coaching clients are responsible for their own action or inaction); and an agreement to honor our ' +
  'obligations of confidentiality to you: we will share observations and key takeaways as they pertain to the ' +
  'sponsor’s management and leadership of the team, but no detailed specifics from coaching conversations.';

/** On the confirmation: what comes after the discovery call, as the seed says it. */
export const WHAT_COMES_AFTER =
  'From there, your two coaches will recommend a structure and cadence for your 2:2 coaching that fits the two of you.';

/** The seed's etiquette for the duo, with the configured cancellation notice. */
export const sessionEtiquette = (cancelNoticeHours: number): string[] => [
  `Please give ${noticeWords(cancelNoticeHours)} notice to cancel or reschedule.`,
  'Give yourselves a 10-minute buffer on either end of the call, in order to be fully present.',
  'Turn off notifications during the call.',
];
