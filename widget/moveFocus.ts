// Where the keyboard goes after a step or view changes: its heading, or the first answer to fix.
import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';

/** A new object whenever focus should move. */
export type FocusMove = { to: 'heading' | 'error' } | null;

/** Moves focus on each new `move`, never on the first render: the widget must not pull the page to itself on load. */
export function useMoveFocus(move: FocusMove, root: RefObject<HTMLElement | null>, heading: RefObject<HTMLElement | null>) {
  useEffect(() => {
    if (!move) return;
    const target = move.to === 'error'
      ? root.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? heading.current
      : heading.current;
    target?.focus();
  }, [move]);
}
