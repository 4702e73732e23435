// Step 1: how the two work together and what is happening between them now.
import { Choices, TextField } from '../fields.tsx';
import { useStore } from '../store.ts';

export function YouTwo() {
  const s = useStore();
  return (
    <>
      <p class="intro">A few questions for both of you. Your answers go to your two coaches only.</p>
      <Choices name="partnership.relationship" legend="How do you work together?" options={s.texts.value.relationships}>
        {s.answers.value.partnership.relationship === 'other' &&
          <TextField name="partnership.relationshipOther" label="Say how you work together" />}
      </Choices>
      <TextField name="partnership.organization" label="Organization" optional autoComplete="organization" />
      <TextField name="partnership.context" label="What is happening in your partnership now?" multiline
        hint="A few sentences are enough: what brings you to coaching at this moment." />
    </>
  );
}
