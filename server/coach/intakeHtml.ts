// The intake on a coach's call page: what the two said together, then each person's own part under their name
// (for the coach reading it, which of them they hold; for person two, their confirmation and their own private
// answers). Every answer is escaped; line breaks are kept.
import { PARTNER_QUESTIONS, type PartnerView } from '../../core/confirm.ts';
import type { Intake } from '../../core/intake.ts';
import { escapeHtml } from '../mail/mailBody.ts';
import { focusText, INTAKE_LABELS, relationshipText, sponsorText } from '../mail/wording.ts';
import { personLabel } from './callText.ts';

const row = (label: string, value: string) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`;

/** Person two's own part: whether and when they confirmed it, and what they answered privately. */
export interface PartnerPart {
  /** When they confirmed, in words, or why not; undefined for a call booked before each person had a link. */
  confirmation?: string;
  view: PartnerView | null;
}

function partnerAnswers(view: PartnerView | null): string {
  if (!view) return '';
  return (['now', 'hopes'] as const)
    .filter((k) => view[k])
    .map((k) => `\n        <p>${escapeHtml(PARTNER_QUESTIONS[k])}</p>\n        <blockquote>${escapeHtml(view[k])}</blockquote>`)
    .join('');
}

/** `holds`: the index of the person the reading coach holds. */
export function intakeHtml(intake: Intake, holds: 0 | 1 | undefined, partner?: PartnerPart): string {
  const p = intake.partnership;
  const people = intake.people
    .map((person, i) => {
      const mine = holds === i ? ' — you hold their experience' : '';
      return `      <section aria-labelledby="person-${i}">
        <h3 id="person-${i}">${escapeHtml(person.name)} (${personLabel(i)}${mine})</h3>
        <dl>${row('Role', person.role || 'not given')}${row('Email', person.email)}${row('Time zone', person.timeZone)}${i === 1 && partner?.confirmation ? row('Their confirmation', partner.confirmation) : ''}</dl>${i === 1 ? partnerAnswers(partner?.view ?? null) : ''}
      </section>`;
    })
    .join('\n');
  return `    <section aria-labelledby="intake">
      <h2 id="intake">Their intake (for the call's two coaches only)</h2>
      <h3>What they wrote together</h3>
      <dl>${row(INTAKE_LABELS.relationship, relationshipText(p))}${p.organization ? row(INTAKE_LABELS.organization, p.organization) : ''}${row(INTAKE_LABELS.focus, focusText(intake.focus))}${row(INTAKE_LABELS.sponsor, sponsorText(intake.sponsor))}</dl>
      <p>${escapeHtml(INTAKE_LABELS.context)}</p>
      <blockquote>${escapeHtml(p.context)}</blockquote>
      <p>${escapeHtml(INTAKE_LABELS.hopes)}</p>
      <blockquote>${escapeHtml(intake.focus.hopes)}</blockquote>
${people}
    </section>`;
}
