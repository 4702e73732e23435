// The duo's answers as the form holds them: the booking schema's own input types (core/intake.ts), every optional
// field filled, plus what only the form asks (a sponsor or not, whether person two shares person one's zone).
import type { BookingRequestInput } from '../core/intake.ts';

type IntakeInput = BookingRequestInput['intake'];
/** Every field present and defined: the form always holds a value, if only the empty string. */
type Filled<T> = { [K in keyof T]-?: Exclude<T[K], undefined> };

export type PersonAnswers = Filled<IntakeInput['people'][number]>;

export interface Answers {
  partnership: Filled<IntakeInput['partnership']>;
  people: [PersonAnswers, PersonAnswers];
  focus: Filled<IntakeInput['focus']>;
  hasSponsor: 'yes' | 'no';
  sponsor: Filled<NonNullable<IntakeInput['sponsor']>>;
  agreements: IntakeInput['agreements'];
  /** Person two's zone: the same as person one's, another one, or not said yet (it is asked, never assumed). */
  zoneTwo: 'same' | 'other' | '';
  slot: BookingRequestInput['slot']['start'];
  honeypot: string;
}

const person = (timeZone: string): PersonAnswers => ({ name: '', email: '', role: '', timeZone });

/** Fresh answers; person one starts in `timeZone` (the browser's), person two's zone is asked. */
export function blankAnswers(timeZone: string): Answers {
  return {
    partnership: { relationship: '', relationshipOther: '', organization: '', context: '' },
    people: [person(timeZone), person('')],
    focus: { areas: [], other: '', hopes: '' },
    hasSponsor: 'no',
    sponsor: { name: '', email: '', relation: '' },
    agreements: { notice: false, presence: false, confidentiality: false, commitment: false },
    zoneTwo: '',
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
