// Step 3: how the two work together, their roles and what is happening between them now.
import type { JSX } from 'preact';
import { Choices, TextField } from '../fields.tsx';
import { useStore } from '../store.ts';
import { useTexts } from './texts.ts';

export function Partnership(): JSX.Element {
  const t = useTexts();
  const s = useStore();
  const [one, two] = s.answers.value.people;
  return (
    <>
      <p class="intro">A few questions for both of you. Your answers go to your two coaches only.</p>
      <Choices name="partnership.relationship" legend="How do you work together?" options={t.relationships}>
        {s.answers.value.partnership.relationship === 'other' && (
          <TextField name="partnership.relationshipOther" label="Say how you work together" />
        )}
      </Choices>
      <TextField name="partnership.organization" label="Organization" optional autoComplete="organization" />
      <TextField name="people.0.role" label={`${one.name.trim() || 'Person one'}’s role`} optional autoComplete="organization-title" />
      <TextField name="people.1.role" label={`${two.name.trim() || 'Person two'}’s role`} optional autoComplete="off" />
      <TextField
        name="partnership.context"
        label="What is happening in your partnership now?"
        multiline
        hint="A few sentences are enough: what brings you to coaching at this moment."
      />
    </>
  );
}
