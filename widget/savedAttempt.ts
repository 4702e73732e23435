// One booking attempt as this browser tab keeps it across a reload (sessionStorage, one entry per widget), read once
// when the widget starts and written whenever the attempt changes; blocked or full storage just means no restore.
import type { Answers } from './answers.ts';
import { indexOf, REVIEW, type StepId } from './steps/stepTable.ts';

export interface Saved {
  answers: Answers;
  step: number | StepId;
  openedAt: string;
  hour12?: boolean;
  attempt?: { key: string; body: string };
  /** The page's preselection is still to be applied (it never is saved: the page gives it again after a reload). */
  preselect?: 'pending';
}

export function storageOrNull(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null; // blocked storage (some privacy modes) just means no restore after reload
  }
}

/** A saved step: its id (or, from an older widget, its place), if the table still has it. */
export function savedStep(step: Saved['step'] | undefined): number {
  const i = typeof step === 'string' ? indexOf(step) : typeof step === 'number' ? step : 0;
  return Number.isInteger(i) && i >= 0 && i <= REVIEW ? i : 0;
}

/** The kept attempt of the widget at `apiBase` (and `instance`, when a page has several), and how to keep or drop it. */
export function savedAttempt(apiBase: string, instance: string | undefined) {
  const storage = storageOrNull();
  const key = instance ? `duet:${apiBase}#${instance}` : `duet:${apiBase}`;
  let saved: Partial<Saved> = {};
  try {
    saved = JSON.parse(storage?.getItem(key) ?? '{}') ?? {};
  } catch {
    /* a damaged entry is as good as none */
  }
  return {
    saved,
    keep: (attempt: Saved) => storage?.setItem(key, JSON.stringify(attempt)),
    drop: () => storage?.removeItem(key),
  };
}
