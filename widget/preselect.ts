// Answers chosen in advance by the page (the loader's data-duet-relationship, -focus, -sponsor; /book passes its
// address's through them): applied once, to fresh answers only, and the visitor can change each of them. In the
// later code, which alone shows these answers: the store applies it when that code arrives (store.ts).
import { readPreselection, type RawPreselection } from '../core/preselect.ts';
import type { Answers } from './answers.ts';

/** `answers` with the preselected choices set; anything that is not one of the form's options is ignored. */
export function preselect(answers: Answers, raw: RawPreselection | undefined): Answers {
  const p = readPreselection(raw ?? {});
  return {
    ...answers,
    partnership: p.relationship ? { ...answers.partnership, relationship: p.relationship } : answers.partnership,
    focus: p.focus ? { ...answers.focus, areas: p.focus } : answers.focus,
    ...(p.sponsor ? { hasSponsor: 'yes' as const, sponsor: { ...answers.sponsor, relation: p.sponsor } } : {}),
  };
}
