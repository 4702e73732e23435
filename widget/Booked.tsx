// The widget once the call is booked: its heading (the keyboard goes there) and the confirmation, in the later code.
import type { RefObject } from 'preact';
import { useStore } from './store.ts';
import { Confirmation } from './steps/Confirmation.tsx';

export function Booked({ heading }: { heading: RefObject<HTMLHeadingElement | null> }) {
  const s = useStore();
  return (
    <section class="step" aria-labelledby={s.id('title')}>
      <h2 id={s.id('title')} tabIndex={-1} ref={heading}>
        Your discovery call is booked
      </h2>
      <Confirmation />
    </section>
  );
}
