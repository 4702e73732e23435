// One booking attempt: the answers and the step as signals, kept across a reload (savedAttempt.ts), and the moves between the
// steps of the step table (steps/stepTable.ts). Sending the booking is in booking/submitBooking.ts.
import { batch, computed, effect, signal } from '@preact/signals-core';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { BookingCreated, PublicConfig } from '../core/api.ts';
import type { WidgetOptions } from './mount.tsx';
import { blankAnswers, setIn, type Answers } from './answers.ts';
import { get, reply } from './api.ts';
import { later, loadLater, type Later } from './laterSteps.ts';
import { setLocaleHint, widgetLocale } from './locale.ts';
import type { FocusMove } from './moveFocus.ts';
import type { SlotList } from './slots/slotList.ts';
import { savedAttempt, savedStep, type Saved } from './savedAttempt.ts';
import { REVIEW, STEPS, type Errors } from './steps/stepTable.ts';

let mounts = 0;

export function createStore({ apiBase, preload = {}, instance, locale: hint, preselect: chosen }: WidgetOptions) {
  const kept = savedAttempt(apiBase, instance);
  const saved = kept.saved;

  setLocaleHint(hint);
  // Like the zone below, the locale is asked of Intl only when needed (its clock, by the later code): the first
  // Intl call loads data that costs Chromium tens of milliseconds, which the first step (it shows no time) must not wait for.
  let locale: string | undefined;
  const localeNow = () => (locale ??= widgetLocale());
  const answers = signal<Answers>({ ...blankAnswers(''), ...saved.answers });
  // The page's preselection (widget/preselect.ts) is applied by the later code, which alone shows those answers, as
  // soon as it is here; answers kept from before a reload win over it, since the visitor may have changed them.
  let preselecting = !saved.answers || saved.preselect === 'pending';
  // The browser's zone is asked for by the later code (zones/zoneName.ts), as soon as it is here: the first Intl call
  // with a zone loads time-zone data, which costs Chromium 15-50 ms that the first step should not wait for, and
  // naming the zone takes code the first step need not carry. The field shows it then ("Not chosen yet" until).
  const detectZone = (l: Later) => {
    if (!answers.value.people[0].timeZone) set('people.0.timeZone', l.browserZone());
  };
  const step = signal(savedStep(saved.step));
  const openedAt = saved.openedAt ?? new Date().toISOString();
  // The visitor's switch, kept across a reload; until they use it, the locale's own clock, asked of Intl only when a
  // time is first shown (clock(), from the later chunk).
  const hour12 = signal(saved.hour12 ?? false);
  let clockKnown = saved.hour12 !== undefined;
  const clock = () => {
    const l = later.value;
    if (!clockKnown && l) {
      clockKnown = true;
      hour12.value = l.prefersHour12(localeNow());
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
      if (booked.value) kept.drop();
      else {
        const h12 = hour12.value; // read always: the effect follows the switch
        const keep: Saved = {
          answers: answers.value,
          step: STEPS[step.value].id,
          openedAt,
          hour12: clockKnown ? h12 : undefined,
          attempt,
          preselect: preselecting ? 'pending' : undefined,
        };
        kept.keep(keep);
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
      const origin = c.origin;
      // What the visitor and the site editor read then is in the later code (RefusedOrigin.tsx).
      if (origin?.allowed === false)
        loadLater().then(
          (l) => l.explainRefusal(origin),
          () => {},
        );
    } catch {
      /* the built-in English texts stand in */
    }
  })();

  // The open times are on their way now (the loader asked already, or here); the later code reads them
  // (booking/bookingSlots.ts) as soon as it is here, so the time step has them at once.
  const availability = preload.availability ?? get(apiBase, '/api/availability', controller.signal);
  availability.catch(() => {});
  let slots: SlotList | undefined;
  const readSlots = () => (slots ??= later.value?.bookingSlots({ apiBase, answers, set, signal: controller.signal, availability }));
  const stopLater = later.subscribe((l) => {
    if (!l) return;
    detectZone(l);
    readSlots();
    if (preselecting) {
      preselecting = false;
      answers.value = l.preselect(answers.value, chosen);
    }
  });

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

  function go(to: number) {
    batch(() => {
      step.value = to;
      errors.value = {};
      alert.value = '';
      submitError.value = '';
      focus.value = { to: 'heading' };
    });
    if (STEPS[to].id === 'time') withLater((l) => l.refreshSlots(readSlots()!));
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
    withLater((l) => {
      detectZone(l);
      const found = l.validateStep(step.value, answers.value);
      if (Object.keys(found).length) return l.showErrors(store, found);
      const to = returning.value ? REVIEW : step.value + 1;
      returning.value = false;
      go(to);
    });
  }

  const n = ++mounts;
  const id = (name: string) => `duet${n}-${name.replace(/\./g, '-')}`;

  const store = {
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
    openedAt,
    id,
    /** The open times, for the later code (all that reads them). */
    get slots(): SlotList {
      const list = readSlots();
      if (!list) throw new Error('the open times were read before the later code was here');
      return list;
    },
    set,
    next,
    withLater,
    go,
    /** Shows errors (client or server) on the step that holds the first of them (steps/showErrors.ts, in the later code). */
    showErrors: (found: Errors) =>
      withLater((l) => {
        l.showErrors(store, found);
      }),
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
      alive = false;
      controller.abort();
      stopLater();
      slots?.stop();
      stopSaving();
    },
  };
  return store;
}

export type Store = ReturnType<typeof createStore>;
export const StoreContext = createContext<Store | null>(null);

/** The booking store of the widget this component is in. */
export function useStore(): Store {
  const store = useContext(StoreContext);
  if (!store) throw new Error('a step rendered outside the booking widget');
  return store;
}
