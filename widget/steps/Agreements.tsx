// Step 6: the commitments both people make, each ticked.
import { Check } from '../fields.tsx';
import { useStore } from '../store.ts';

export function Agreements() {
  const s = useStore();
  return (
    <>
      <p class="intro">2:2 coaching is most successful when both of you commit to it. Please tick each one.</p>
      {s.texts.value.agreements.map((a) => <Check key={a.value} name={`agreements.${a.value}`} label={a.label} />)}
    </>
  );
}
