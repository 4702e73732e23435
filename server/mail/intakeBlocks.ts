// The intake answers as the coaches read them: mail blocks for their copy, and the same as plain text for the event's notes.
import type { Intake } from '../../core/intake.ts';
import { renderText, type Block } from './mailBody.ts';
import { focusText, INTAKE_LABELS, personText, relationshipText, sponsorText } from './wording.ts';

export function intakeBlocks(intake: Intake): Block[] {
  const p = intake.partnership;
  return [
    {
      kind: 'fields',
      rows: [
        [INTAKE_LABELS.relationship, relationshipText(p)],
        ...(p.organization ? [[INTAKE_LABELS.organization, p.organization] as [string, string]] : []),
        ...intake.people.map((person, i): [string, string] => [INTAKE_LABELS.person(i), personText(person)]),
        [INTAKE_LABELS.focus, focusText(intake.focus)],
        [INTAKE_LABELS.sponsor, sponsorText(intake.sponsor)],
      ],
    },
    { kind: 'para', text: INTAKE_LABELS.context },
    { kind: 'quote', text: p.context },
    { kind: 'para', text: INTAKE_LABELS.hopes },
    { kind: 'quote', text: intake.focus.hopes },
  ];
}

/** The intake as plain text: the coaches' event DESCRIPTION. */
export function intakeSummary(intake: Intake): string {
  return renderText(intakeBlocks(intake)).trimEnd();
}
