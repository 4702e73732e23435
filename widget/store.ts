// One booking attempt: the answers and the step as signals, kept in sessionStorage, and the moves between the
// steps of the step table (steps/stepTable.ts). Sending the booking is in booking/submitBooking.ts.
import { batch, computed, effect, signal } from '@preact/signals';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { BookingCreated, PublicConfig } from '../core/api.ts';
import type { WidgetOptions } from './mount.tsx';
import { blankAnswers, setIn, type Answers } from './answers.ts';
import { preselect } from './preselect.ts';
import { get, reply } from './api.ts';
import { later, loadLater, type Later } from './laterSteps.ts';
import { prefersHour12, setLocaleHint, widgetLocale } from './locale.ts';
import type { FocusMove } from './moveFocus.ts';
import { slotList } from './slots/slotList.ts';
import { indexOf, REVIEW, STEPS, stepOf, type Errors, type StepId } from './steps/stepTable.ts';
import { browserZone } from './zones/zoneName.ts';

interface Saved {
  answers: Answers;
  step: number | StepId;
  openedAt: string;
  hour12?: boolean;
  attempt?: { key: string; body: string };
}

const STALE_MS = 120_000;
let mounts = 0;

function storageOrNull(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null; // blocked storage (some privacy modes) just means no restore after reload
  }
}

/** A saved step: its id (or, from an older widget, its place), if the table still has it. */
function savedStep(step: Saved['step'] | undefined): number {
  const i = typeof step === 'string' ? indexOf(step) : typeof step === 'number' ? step : 0;
  return Number.isInteger(i) && i >= 0 && i <= REVIEW ? i : 0;
}

export function createStore({ apiBase, preload = {}, instance, locale: hint, preselect: chosen }: WidgetOptions) {
  const storage = storageOrNull();
  const storageKey = instance ? `duet:${apiBase}#${instance}` : `duet:${apiBase}`;
  let saved: Partial<Saved> = {};
  try {
    saved = JSON.parse(storage?.getItem(storageKey) ?? '{}') ?? {};
  } catch {
    /* a damaged entry is as good as none */
  }

  setLocaleHint(hint);
  // Like the zone below, the locale and its clock are asked of Intl only when needed: the first Intl call loads
  // data that costs Chromium tens of milliseconds, which the first step (it shows no time) must not wait for.
  let locale: string | undefined;
  const localeNow = () => (locale ??= widgetLocale());
  // Answers kept from before a reload win over the page's preselection: the visitor may have changed them.
  const answers = signal<Answers>(saved.answers ? { ...blankAnswers(''), ...saved.answers } : preselect(blankAnswers(''), chosen));
  // The browser's zone is asked for just after the first render: the first Intl call with a zone loads time-zone
  // data, which costs Chromium 15-50 ms that the first paint should not wait for. The field shows it a frame later.
  const detectZone = () => {
    if (!answers.value.people[0].timeZone) set('people.0.timeZone', browserZone());
  };
  const zoneTimer = setTimeout(detectZone, 0);
  const step = signal(savedStep(saved.step));
  const openedAt = saved.openedAt ?? new Date().toISOString();
  // The visitor's switch, kept across a reload; until they use it, the locale's own clock, asked of Intl only when a
  // time is first shown (clock(), from the later chunk).
  const hour12 = signal(saved.hour12 ?? false);
  let clockKnown = saved.hour12 !== undefined;
  const clock = () => {
    if (!clockKnown) {
      clockKnown = true;
      hour12.value = prefersHour12(localeNow());
    }
    return hour12;
  };

  const errors = signal<Errors>({});
  const alert = signal('');
  /** A refusal of the booking itself (no connection, too many attempts), shown beside the Book button. */
  const submitError = signal('');
  /** A new object whenever focus should move: to the step heading, the first field in error, or the Book button. */
  const focus = signal<FocusMove>(null);
  const config = signal<PublicConfig | null>(null);
  const booked = signal<BookingCreated | null>(null);
  const busy = signal(false);
  /** Set by a review's "Change": Next on that step returns to the review. */
  const returning = signal(false);
  /** The server says this page's origin may not book: the form is replaced by a way to reach the practice. */
  const refusedOrigin = computed(() => (config.value?.origin?.allowed === false ? (config.value.origin.origin ?? location.origin) : null));

  let attempt = saved.attempt;
  const save = () => {
    try {
      if (booked.value) storage?.removeItem(storageKey);
      else {
        const h12 = hour12.value; // read always: the effect follows the switch
        storage?.setItem(
          storageKey,
          JSON.stringify({ answers: answers.value, step: STEPS[step.value].id, openedAt, hour12: clockKnown ? h12 : undefined, attempt }),
        );
      }
    } catch {
      /* quota or blocked: keep going without persistence */
    }
  };
  const stopSaving = effect(save);

  const controller = new AbortController();
  /** When the config, and the form stamp in it, arrived (monotonic: a visitor's clock may be wrong). */
  let stampedAt = 0;
  let alive = true;

  (async () => {
    try {
      const r = await reply<PublicConfig>(preload.config ?? get(apiBase, '/api/config', controller.signal));
      if (!alive || r.status !== 200 || !r.data) return;
      const c = r.data as PublicConfig;
      config.value = c;
      stampedAt = performance.now();
      if (c.origin?.allowed === false) {
        // The site editor reads this; the visitor reads the message in the widget.
        const line = 'line' in c.origin ? ` In "practice": ${c.origin.line}` : '';
        console.error(
          `Duet: this page may not book calls. Add "${c.origin.origin ?? location.origin}" to practice.allowedOrigins in the Duet configuration.${line}`,
        );
      }
    } catch {
      /* the built-in English texts stand in */
    }
  })();

  const slots = slotList({
    request: () => get(apiBase, '/api/availability', controller.signal),
    // A time that has gone since it was chosen can no longer be booked.
    onLoaded: (list) => {
      if (answers.value.slot && !list.some((s) => s.start === answers.value.slot)) set('slot', '');
    },
  });
  void slots.load(preload.availability);

  function clearError(path: string) {
    if (!errors.value[path]) return;
    const { [path]: _, ...rest } = errors.value;
    errors.value = rest;
    // "Please check the answers marked below" with nothing marked any more only confuses.
    if (!Object.keys(rest).length) alert.value = '';
  }

  function set(path: string, value: unknown) {
    batch(() => {
      const was = answers.value;
      let next = setIn(was, path, value);
      // Person two in "the same zone" follows person one's; "somewhere else" starts from an empty search.
      if (path === 'people.0.timeZone' && next.zoneTwo === 'same') next = setIn(next, 'people.1.timeZone', value);
      if (path === 'zoneTwo') {
        next = setIn(
          next,
          'people.1.timeZone',
          value === 'same' ? was.people[0].timeZone : was.people[1].timeZone === was.people[0].timeZone ? '' : was.people[1].timeZone,
        );
        clearError('people.1.timeZone');
      }
      if (path === 'people.1.timeZone') clearError('zoneTwo');
      answers.value = next;
      clearError(path);
      submitError.value = '';
    });
  }

  /** Shows errors (client or server) on the step that holds the first of them; those of no field beside Book. */
  function showErrors(found: Errors) {
    const fields = Object.keys(found);
    const target = Math.min(...fields.map(stepOf));
    const here = fields.filter((f) => stepOf(f) === target);
    batch(() => {
      // Errors on the step being changed from the review keep the way back to it; elsewhere, the review is far off.
      if (target !== step.value) returning.value = false;
      step.value = target;
      errors.value = found;
      if (target === REVIEW) {
        alert.value = '';
        submitError.value = here.map((f) => found[f]).join(' ');
        focus.value = { to: 'submit' };
        return;
      }
      alert.value = here.length === 1 ? 'Please check the answer marked below.' : `Please check the ${here.length} answers marked below.`;
      focus.value = { to: 'error' };
    });
  }

  function go(to: number) {
    batch(() => {
      step.value = to;
      errors.value = {};
      alert.value = '';
      submitError.value = '';
      focus.value = { to: 'heading' };
    });
    // Slots fetched long ago may have gone; a request still on its way is not repeated.
    if (STEPS[to].id === 'time' && slots.state.value.status !== 'loading' && Date.now() - slots.state.value.at > STALE_MS)
      void slots.load();
  }

  /** Runs `then` with the later code: at once when it is here (the usual case), else once it has loaded. */
  function withLater(then: (l: Later) => void) {
    const here = later.value;
    if (here) return then(here);
    busy.value = true;
    loadLater().then(
      (l) => {
        if (alive) {
          busy.value = false;
          then(l);
        }
      },
      () => {
        if (alive)
          batch(() => {
            busy.value = false;
            alert.value = 'We could not load the next step. Check your connection and try again; your answers are kept.';
          });
      },
    );
  }

  function next() {
    detectZone();
    withLater((l) => {
      const found = l.validateStep(step.value, answers.value);
      if (Object.keys(found).length) return showErrors(found);
      const to = returning.value ? REVIEW : step.value + 1;
      returning.value = false;
      go(to);
    });
  }

  const n = ++mounts;
  const id = (name: string) => `duet${n}-${name.replace(/\./g, '-')}`;

  return {
    apiBase,
    answers,
    step,
    errors,
    alert,
    submitError,
    focus,
    config,
    booked,
    busy,
    returning,
    refusedOrigin,
    get locale() {
      return localeNow();
    },
    clock,
    slots,
    openedAt,
    id,
    set,
    next,
    showErrors,
    withLater,
    go,
    isAlive: () => alive,
    /** How long ago the config, and the form stamp in it, arrived; `markStamped` when a fresh one has. */
    stampAge: () => performance.now() - stampedAt,
    markStamped: () => {
      stampedAt = performance.now();
    },
    attempt: () => attempt,
    setAttempt: (a: Saved['attempt']) => {
      attempt = a;
      save();
    },
    back: () => {
      returning.value = false;
      go(step.value - 1);
    },
    /** From the review: open a step, and come back to the review after it. */
    change: (to: number) => {
      go(to);
      returning.value = true;
    },
    dispose() {
      clearTimeout(zoneTimer);
      alive = false;
      controller.abort();
      slots.stop();
      stopSaving();
    },
  };
}

export type Store = ReturnType<typeof createStore>;
export const StoreContext = createContext<Store | null>(null);

/** The booking store of the widget this component is in. */
export function useStore(): Store {
  const store = useContext(StoreContext);
  if (!store) throw new Error('a step rendered outside the booking widget');
  return store;
}
