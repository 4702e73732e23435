// Step 7: everything the two have said, with a way back to each part, before they book.
import type { ComponentChildren } from 'preact';
import { whenLabel } from '../timeFormat.ts';
import { useStore } from '../store.ts';

const labelOf = (options: { value: string; label: string }[], value: string) =>
  options.find((o) => o.value === value)?.label ?? value;

function Section({ title, step, children }: { title: string; step: number; children: ComponentChildren }) {
  const s = useStore();
  return (
    <section class="summary">
      <h3>{title}</h3>
      <dl>{children}</dl>
      <button type="button" class="link" onClick={() => s.goTo(step)} aria-label={`Change: ${title}`}>Change</button>
    </section>
  );
}

const Row = ({ term, value }: { term: string; value: string }) =>
  value ? <><dt>{term}</dt><dd>{value}</dd></> : null;

export function Review() {
  const s = useStore();
  const a = s.answers.value;
  const t = s.texts.value;
  const slot = s.slots.value.slots.find((x) => x.start === a.slot);
  const minutes = s.config.value?.call.minutes ?? 45;
  const end = slot?.end ?? new Date(Date.parse(a.slot) + minutes * 60_000).toISOString();
  const when = (zone: string) => (a.slot ? whenLabel({ start: a.slot, end }, zone) : '');
  const p = a.partnership;
  return (
    <>
      <p class="intro">Please check your answers. They go to your two coaches only.</p>
      <Section title="You two" step={0}>
        <Row term="How you work together" value={p.relationship === 'other' ? p.relationshipOther : labelOf(t.relationships, p.relationship)} />
        <Row term="Organization" value={p.organization} />
        <Row term="What is happening now" value={p.context} />
      </Section>
      <Section title="Person one and person two" step={1}>
        {a.people.map((x, i) => (
          <Row key={i} term={i ? 'Person two' : 'Person one'}
            value={[x.name, x.email, x.role, x.timeZone].filter(Boolean).join(' · ')} />
        ))}
      </Section>
      <Section title="Focus" step={2}>
        <Row term="Focus areas" value={a.focus.areas.map((f) => (f === 'other' ? a.focus.other : labelOf(t.focusAreas, f))).join('; ')} />
        <Row term="What you hope will be different" value={a.focus.hopes} />
      </Section>
      <Section title="Sponsor" step={3}>
        <Row term="Sponsor" value={a.hasSponsor === 'yes'
          ? [a.sponsor.name, labelOf(t.sponsorRelations, a.sponsor.relation), a.sponsor.email].filter(Boolean).join(' · ')
          : 'None'} />
      </Section>
      <Section title="Time" step={4}>
        {a.people[1].timeZone === a.people[0].timeZone
          ? <Row term={`${a.people[0].name || 'Person one'} and ${a.people[1].name || 'person two'}`} value={when(a.people[0].timeZone)} />
          : <>
            <Row term={a.people[0].name || 'Person one'} value={when(a.people[0].timeZone)} />
            <Row term={a.people[1].name || 'Person two'} value={when(a.people[1].timeZone)} />
          </>}
      </Section>
      <Section title="Agreements" step={5}>
        <Row term="Agreements" value={Object.values(a.agreements).every(Boolean) ? 'Both of you agree to all of them' : 'Not all ticked yet'} />
      </Section>
    </>
  );
}
