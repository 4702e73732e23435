// What the review lists for each step (named by the step table's ids), each with the step's own words.
import type { JSX } from 'preact';
import type { ComponentChildren } from 'preact';
import { formatsFor } from '../slots/timeFormat.ts';
import { bookingChoice } from '../booking/bookingChoice.ts';
import { useStore } from '../store.ts';
import { useTexts } from './texts.ts';
import { zoneLabel } from '../zones/zoneName.ts';
import type { StepId } from './stepTable.ts';

const labelOf = (options: { value: string; label: string }[], value: string) => options.find((o) => o.value === value)?.label ?? value;

export const Row = ({ term, value }: { term: string; value: ComponentChildren }): JSX.Element | null =>
  value ? (
    <>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </>
  ) : null;

function Who(): JSX.Element {
  const a = useStore().answers.value;
  const zoneTwo = a.zoneTwo === 'same' ? a.people[0].timeZone : a.people[1].timeZone;
  return (
    <>
      {a.people.map((x, i) => (
        <Row
          key={i}
          term={i ? 'Person two' : 'Person one'}
          value={[x.name, x.email, (i ? zoneTwo : x.timeZone) && zoneLabel(i ? zoneTwo : x.timeZone)].filter(Boolean).join(' · ')}
        />
      ))}
    </>
  );
}

function Time(): JSX.Element {
  const s = useStore();
  const a = s.answers.value;
  const f = formatsFor(s.locale, s.clock().value);
  const [one, two] = bookingChoice(s).people.value;
  const slot = s.slots.state.value.slots.find((x) => x.start === a.slot);
  const minutes = s.config.value?.call.minutes ?? 45;
  const start = Date.parse(a.slot);
  if (!Number.isFinite(start)) return <Row term="Time" value="Not chosen yet" />;
  const end = slot?.end ?? new Date(start + minutes * 60_000).toISOString();
  const when = (zone: string) => f.whenLabel({ start: a.slot, end }, zone);
  return two.timeZone === one.timeZone ? (
    <Row term={`${one.name} and ${two.name}`} value={when(one.timeZone)} />
  ) : (
    <>
      <Row term={one.name} value={when(one.timeZone)} />
      <Row term={two.name} value={when(two.timeZone)} />
    </>
  );
}

function Partnership(): JSX.Element {
  const t = useTexts();
  const s = useStore();
  const { partnership: p, people } = s.answers.value;
  return (
    <>
      <Row
        term="How you work together"
        value={p.relationship === 'other' ? p.relationshipOther : labelOf(t.relationships, p.relationship)}
      />
      <Row term="Organization" value={p.organization} />
      {people.map((x, i) => (
        <Row key={i} term={`${x.name.trim() || (i ? 'Person two' : 'Person one')}’s role`} value={x.role} />
      ))}
      <Row term="What is happening now" value={p.context} />
    </>
  );
}

function Focus(): JSX.Element {
  const t = useTexts();
  const s = useStore();
  const { focus } = s.answers.value;
  return (
    <>
      <Row term="Focus areas" value={focus.areas.map((f) => (f === 'other' ? focus.other : labelOf(t.focusAreas, f))).join('; ')} />
      <Row term="What you hope will be different" value={focus.hopes} />
    </>
  );
}

function Sponsor(): JSX.Element {
  const t = useTexts();
  const s = useStore();
  const a = s.answers.value;
  return (
    <Row
      term="Sponsor"
      value={
        a.hasSponsor === 'yes'
          ? [a.sponsor.name, labelOf(t.sponsorRelations, a.sponsor.relation), a.sponsor.email].filter(Boolean).join(' · ')
          : 'None'
      }
    />
  );
}

function Agreements(): JSX.Element {
  const a = useStore().answers.value;
  return (
    <Row term="Agreements" value={Object.values(a.agreements).every(Boolean) ? 'Both of you agree to all of them' : 'Not all ticked yet'} />
  );
}

export const summaries = {
  who: Who,
  time: Time,
  partnership: Partnership,
  focus: Focus,
  sponsor: Sponsor,
  agreements: Agreements,
} satisfies Record<Exclude<StepId, 'review'>, () => ComponentChildren>;
