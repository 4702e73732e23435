// Answers a link may choose in advance (/book?relationship=co-founders&focus=trust,roles&sponsor=board): only
// choices that say nothing about a person. Names, emails and free text never come from an address.
// The option lists come from choices.ts (no valibot, no labels), so the widget's first step can check them for free.
import { FOCUS_AREAS, RELATIONSHIPS, SPONSOR_RELATIONS } from './choices.ts';

export interface Preselection {
  relationship?: (typeof RELATIONSHIPS)[number];
  focus?: (typeof FOCUS_AREAS)[number][];
  /** Who sponsors the engagement: also answers "is there a sponsor?" with yes. */
  sponsor?: (typeof SPONSOR_RELATIONS)[number];
}

/** The three names a link (and the loader's data-duet-relationship, -focus, -sponsor) may use. */
export const PRESELECT_KEYS = ['relationship', 'focus', 'sponsor'] as const;

export type RawPreselection = Partial<Record<(typeof PRESELECT_KEYS)[number], string | null | undefined>>;

const isKey = <K extends string>(options: readonly K[], value: string): value is K => (options as readonly string[]).includes(value);

/** Keeps what is one of the form's own options and drops everything else, silently (a stale link still opens). */
export function readPreselection(raw: RawPreselection): Preselection {
  const out: Preselection = {};
  const relationship = raw.relationship?.trim();
  if (relationship && isKey(RELATIONSHIPS, relationship)) out.relationship = relationship;
  const focus = [...new Set((raw.focus ?? '').split(',').map((s) => s.trim()))].filter((s) => isKey(FOCUS_AREAS, s));
  if (focus.length) out.focus = focus as Preselection['focus'];
  const sponsor = raw.sponsor?.trim();
  if (sponsor && isKey(SPONSOR_RELATIONS, sponsor)) out.sponsor = sponsor;
  return out;
}

/** The same choices as a query string (`relationship=…&focus=a,b&sponsor=…`), in a fixed order; '' when none. */
export function preselectionQuery(p: Preselection): string {
  const parts: string[] = [];
  if (p.relationship) parts.push(`relationship=${p.relationship}`);
  if (p.focus?.length) parts.push(`focus=${p.focus.join(',')}`);
  if (p.sponsor) parts.push(`sponsor=${p.sponsor}`);
  return parts.join('&');
}
