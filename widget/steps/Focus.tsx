// Step 3: the focus areas from the practice's description, and what the two hope will change.
import type { JSX } from 'preact';
import { Choices, TextField } from '../fields.tsx';
import { useStore } from '../store.ts';
import { useTexts } from './texts.ts';

export function Focus(): JSX.Element {
  const t = useTexts();
  const s = useStore();
  return (
    <>
      <Choices name="focus.areas" legend="What would you like to focus on? Choose one or more." multiple options={t.focusAreas}>
        {s.answers.value.focus.areas.includes('other') && <TextField name="focus.other" label="Name the other focus area" />}
      </Choices>
      <TextField name="focus.hopes" label="What do you hope will be different?" multiline />
    </>
  );
}
