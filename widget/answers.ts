// The duo's answers as the form holds them (plain strings, before the schema trims them), and path helpers.
import type { AGREEMENTS } from '../core/intake.ts';

export interface PersonAnswers { name: string; email: string; role: string; timeZone: string }

export interface Answers {
  partnership: { relationship: string; relationshipOther: string; organization: string; context: string };
  people: [PersonAnswers, PersonAnswers];
  focus: { areas: string[]; other: string; hopes: string };
  hasSponsor: 'yes' | 'no';
  sponsor: { name: string; email: string; relation: string };
  agreements: Record<(typeof AGREEMENTS)[number], boolean>;
  slot: string;
  honeypot: string;
}

const person = (timeZone: string): PersonAnswers => ({ name: '', email: '', role: '', timeZone });

/** Fresh answers; both people start in the browser's own zone. */
export function blankAnswers(timeZone: string): Answers {
  return {
    partnership: { relationship: '', relationshipOther: '', organization: '', context: '' },
    people: [person(timeZone), person(timeZone)],
    focus: { areas: [], other: '', hopes: '' },
    hasSponsor: 'no',
    sponsor: { name: '', email: '', relation: '' },
    agreements: { notice: false, presence: false, confidentiality: false, commitment: false },
    slot: '',
    honeypot: '',
  };
}

// Paths are the schema's dot paths (`people.1.email`), so field names, client issues and the server's 422 agree.
export function getIn(obj: unknown, path: string): unknown {
  return path.split('.').reduce<any>((o, k) => (o == null ? undefined : o[k]), obj);
}

export function setIn<T>(obj: T, path: string, value: unknown): T {
  const [k, ...rest] = path.split('.');
  const copy: any = Array.isArray(obj) ? [...obj] : { ...obj };
  copy[k] = rest.length ? setIn((obj as any)?.[k], rest.join('.'), value) : value;
  return copy;
}
