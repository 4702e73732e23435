// Where the keyboard goes after a step or view changes: its heading, the first answer to fix, or the button
// whose request was refused (its message sits beside it).
import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';

/** A new object whenever focus should move. */
export type FocusMove = { to: 'heading' | 'error' | 'submit' } | null;

/** Moves focus on each new `move`, never on the first render: the widget must not pull the page to itself on load. */
export function useMoveFocus(move: FocusMove, root: RefObject<HTMLElement | null>, heading: RefObject<HTMLElement | null>) {
  useEffect(() => {
    if (!move) return;
    const target =
      move.to === 'error'
        ? root.current?.querySelector<HTMLElement>('[aria-invalid="true"]')
        : move.to === 'submit'
          ? root.current?.querySelector<HTMLElement>('button[type=submit]')
          : null;
    (target ?? heading.current)?.focus();
  }, [move]);
}
