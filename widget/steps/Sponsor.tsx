// Step 4 (optional): a supervisor or Board sponsoring the engagement, and what a sponsor may expect to hear.
import type { JSX } from 'preact';
import { Choices, TextField } from '../fields.tsx';
import { useStore } from '../store.ts';
import { useTexts } from './texts.ts';

const YES_NO = [
  { value: 'no', label: 'No' },
  { value: 'yes', label: 'Yes' },
];

export function Sponsor(): JSX.Element {
  const t = useTexts();
  const s = useStore();
  return (
    <>
      <p class="intro">{t.sponsorNote}</p>
      <Choices name="hasSponsor" legend="Is a supervisor or Board sponsoring this coaching?" options={YES_NO} />
      {s.answers.value.hasSponsor === 'yes' && (
        <>
          <Choices name="sponsor.relation" legend="Who is the sponsor?" options={t.sponsorRelations} />
          <TextField name="sponsor.name" label="Sponsor's name or role" />
          <TextField
            name="sponsor.email"
            label="Sponsor's email"
            type="email"
            optional
            hint="Only your two coaches see it. Nothing is sent to your sponsor."
          />
        </>
      )}
    </>
  );
}
