// One booking attempt: the answers and the step as signals, kept in sessionStorage, and the moves between steps.
import { batch, computed, effect, signal } from '@preact/signals';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { AvailabilityResponse, BookingCreated, Option, PublicConfig, Slot } from '../core/api.ts';
import {
  AGREEMENT_LABELS, FOCUS_LABELS, RELATIONSHIP_LABELS, SPONSOR_NOTE, SPONSOR_RELATION_LABELS,
} from '../core/texts.ts';
import type { WidgetOptions } from './mount.tsx';
import { blankAnswers, setIn, type Answers } from './answers.ts';
import { preselect } from './preselect.ts';
import { errorOf, get, post, reply, uuid } from './api.ts';
import { canonicalZone } from './timeFormat.ts';
import { REVIEW_STEP, stepOf, toErrors, type Errors } from './fieldPaths.ts';
import { later, loadLater } from './laterSteps.ts';
import type { FocusMove } from './moveFocus.ts';


type SlotsState = { status: 'loading' | 'error' | 'ready'; slots: Slot[]; at: number };

interface Saved { answers: Answers; step: number; openedAt: string; attempt?: { key: string; body: string } }

const STALE_MS = 120_000;
let mounts = 0;

const options = <K extends string>(labels: Record<K, string>): Option<K>[] =>
  Object.entries(labels).map(([value, label]) => ({ value: value as K, label: label as string }));

const DEFAULT_TEXTS = {
  relationships: options(RELATIONSHIP_LABELS),
  focusAreas: options(FOCUS_LABELS),
  sponsorRelations: options(SPONSOR_RELATION_LABELS),
  agreements: options(AGREEMENT_LABELS),
  sponsorNote: SPONSOR_NOTE,
};

function storageOrNull(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null; // blocked storage (some privacy modes) just means no restore after reload
  }
}

export function createStore({ apiBase, preload = {}, instance, preselect: chosen }: WidgetOptions) {
  const storage = storageOrNull();
  const storageKey = instance ? `duet:${apiBase}#${instance}` : `duet:${apiBase}`;
  let saved: Partial<Saved> = {};
  try {
    saved = JSON.parse(storage?.getItem(storageKey) ?? '{}') ?? {};
  } catch { /* a damaged entry is as good as none */ }

  // The browser's zone is asked for just after the first render: the first Intl call loads time-zone data,
  // which costs Chromium 15-50 ms that the first step should not wait for. Step 1 asks nothing about zones.
  // Answers kept from before a reload win over the page's preselection: the visitor may have changed them.
  const answers = signal<Answers>(saved.answers ?? preselect(blankAnswers(''), chosen));
  const detectZone = () => {
    if (answers.value.people[0].timeZone) return;
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    answers.value = { ...answers.value, people: answers.value.people.map((p) => ({ ...p, timeZone: p.timeZone || zone })) as Answers['people'] };
  };
  const zoneTimer = setTimeout(detectZone, 0);
  const step = signal(saved.step ?? 0);
  const openedAt = saved.openedAt ?? new Date().toISOString();
  let attempt = saved.attempt;

  const errors = signal<Errors>({});
  const alert = signal('');
  /** A new object whenever focus should move: to the step heading or to the first field in error. */
  const focus = signal<FocusMove>(null);
  const config = signal<PublicConfig | null>(null);
  const slots = signal<SlotsState>({ status: 'loading', slots: [], at: 0 });
  const booked = signal<BookingCreated | null>(null);
  const busy = signal(false);
  // The server words the labels (GET /api/config); the seed's English stands in until it answers.
  const texts = computed(() => ({ ...DEFAULT_TEXTS, ...config.value }));

  const save = () => {
    try {
      if (booked.value) storage?.removeItem(storageKey);
      else storage?.setItem(storageKey, JSON.stringify({ answers: answers.value, step: step.value, openedAt, attempt }));
    } catch { /* quota or blocked: keep going without persistence */ }
  };
  const stopSaving = effect(save);

  const controller = new AbortController();
  /** When the config, and the form stamp in it, arrived (monotonic: a visitor's clock may be wrong). */
  let stampedAt = 0;
  let alive = true;

  (async () => {
    try {
      const r = await reply<PublicConfig>(preload.config ?? get(apiBase, '/api/config', controller.signal));
      if (alive && r.status === 200 && r.data) {
        config.value = r.data as PublicConfig;
        stampedAt = performance.now();
      }
    } catch { /* the built-in English texts stand in */ }
  })();

  let slotsRequest = 0;
  async function loadSlots(pre?: Promise<Response>) {
    const mine = ++slotsRequest;
    if (slots.value.status !== 'ready') slots.value = { status: 'loading', slots: [], at: 0 };
    try {
      const r = await reply<AvailabilityResponse>(pre ?? get(apiBase, '/api/availability', controller.signal));
      const list = (r.data as AvailabilityResponse | null)?.slots;
      if (r.status !== 200 || !Array.isArray(list)) throw new Error(String(r.status));
      if (!alive || mine !== slotsRequest) return;
      batch(() => {
        slots.value = { status: 'ready', slots: list, at: Date.now() };
        // A time that has gone since it was chosen can no longer be booked.
        if (answers.value.slot && !list.some((s) => s.start === answers.value.slot)) set('slot', '');
      });
    } catch {
      if (alive && mine === slotsRequest) slots.value = { status: 'error', slots: [], at: 0 };
    }
  }
  loadSlots(preload.availability);

  function set(path: string, value: unknown) {
    batch(() => {
      let next = setIn(answers.value, path, value);
      // Person two follows person one's zone until someone changes it for them.
      if (path === 'people.0.timeZone' && next.people[1].timeZone === answers.value.people[0].timeZone) {
        next = setIn(next, 'people.1.timeZone', value);
      }
      answers.value = next;
      if (errors.value[path]) {
        const { [path]: _, ...rest } = errors.value;
        errors.value = rest;
        // "Please check the answers marked below" with nothing marked any more only confuses.
        if (!Object.keys(rest).length) alert.value = '';
      }
    });
  }

  /** Shows errors (client or server), on the step that holds the first of them. */
  function showErrors(found: Errors) {
    const fields = Object.keys(found);
    const target = Math.min(...fields.map(stepOf));
    const here = fields.filter((f) => stepOf(f) === target);
    batch(() => {
      step.value = target;
      errors.value = found;
      alert.value = here.length === 1 ? 'Please check the answer marked below.' : `Please check the ${here.length} answers marked below.`;
      // Issues with no field of their own (e.g. `meta`) are spelled out in the summary.
      const loose = here.filter((f) => f === '' || f.startsWith('meta') || f === 'people').map((f) => found[f]);
      if (loose.length) alert.value = loose.join(' ');
      focus.value = { to: 'error' };
    });
  }

  function go(to: number, message = '') {
    batch(() => {
      step.value = to;
      errors.value = {};
      alert.value = message;
      focus.value = { to: 'heading' };
    });
    // Slots fetched long ago may have gone; a request still on its way is not repeated.
    if (to === 4 && slots.value.status !== 'loading' && Date.now() - slots.value.at > STALE_MS) loadSlots();
  }

  /** Runs `then` with the later code: at once when it is here (the usual case), else once it has loaded. */
  function withLater(then: (l: NonNullable<typeof later.value>) => void) {
    const here = later.value;
    if (here) return then(here);
    busy.value = true;
    loadLater().then(
      (l) => { if (alive) { busy.value = false; then(l); } },
      () => { if (alive) batch(() => { busy.value = false; alert.value = 'We could not load the next step. Check your connection and try again; your answers are kept.'; }); },
    );
  }

  function next() {
    detectZone();
    withLater((l) => nextWith(l.validateStep));
  }

  function nextWith(validateStep: NonNullable<typeof later.value>['validateStep']) {
    const found = validateStep(step.value, answers.value);
    if (Object.keys(found).length) showErrors(found);
    else go(step.value + 1);
  }

  function submit() {
    if (busy.value) return;
    withLater((l) => void submitWith(l.checkRequest));
  }

  /** The body with the server's form stamp (from GET /api/config, asked again if that failed); the key's body leaves it out. */
  async function stamped(body: object): Promise<string> {
    let stamp = config.value?.stamp;
    // The server honours a stamp for 24 hours: a form left open longer asks for a fresh one first.
    if (!stamp || performance.now() - stampedAt > 12 * 3_600_000) {
      const r = await reply<PublicConfig>(get(apiBase, '/api/config', controller.signal)).catch(() => undefined);
      if (r?.status === 200 && r.data) {
        stamp = (config.value = r.data as PublicConfig).stamp;
        stampedAt = performance.now();
      }
    }
    const b = body as { meta?: object };
    return JSON.stringify({ ...b, meta: { ...b.meta, stamp } });
  }

  async function submitWith(checkRequest: NonNullable<typeof later.value>['checkRequest']) {
    const checked = checkRequest(answers.value, openedAt);
    if (!checked.ok) return showErrors(checked.errors);
    const body = JSON.stringify(checked.body);
    // The same submission keeps its key across retries (and reloads), so the server books it at most once.
    if (attempt?.body !== body) attempt = { key: uuid(), body };
    save();
    batch(() => { busy.value = true; alert.value = ''; });
    try {
      const r = await reply<BookingCreated>(post(apiBase, '/api/bookings', await stamped(checked.body), attempt.key));
      if (!alive) return;
      const error = errorOf(r.data);
      if (r.status === 201 || r.status === 200) {
        attempt = undefined;
        batch(() => { booked.value = r.data as BookingCreated; focus.value = { to: 'heading' }; });
      } else if (r.status === 409 && error?.code === 'already_booked') {
        // Not the time's fault: the server's message names the days already booked and where to change them.
        alert.value = error.message;
      } else if (r.status === 409) {
        set('slot', '');
        go(4, error?.code === 'too_late'
          ? 'That time is now too close to book. Please choose a later one; your answers are kept.'
          : 'Someone has just booked that time. Please choose another one; your answers are kept.');
        loadSlots();
      } else if (r.status === 422 && error?.issues?.length) {
        showErrors(toErrors(error.issues));
      } else if (r.status === 429) {
        alert.value = 'There have been too many attempts from here. Please wait a minute and try again.';
      } else {
        if (error?.code === 'idempotency_mismatch') attempt = undefined;
        alert.value = error?.message || 'Something went wrong on our side. Please try again in a moment.';
      }
    } catch {
      if (alive) alert.value = 'We could not reach the booking service. Check your connection and try again; your answers are kept.';
    } finally {
      if (alive) busy.value = false;
    }
  }

  let n = ++mounts;
  return {
    apiBase, answers, step, errors, alert, focus, slots, booked, busy, texts, config,
    set, next, submit, loadSlots,
    back: () => go(step.value - 1),
    goTo: (to: number) => go(to),
    /** An id unique to this mount, so two widgets in one light-DOM page do not collide. */
    id: (name: string) => `duet${n}-${name.replace(/\./g, '-')}`,
    normaliseZone: (path: string, value: string) => set(path, canonicalZone(value)),
    dispose() {
      clearTimeout(zoneTimer);
      alive = false;
      controller.abort();
      stopSaving();
    },
  };
}

export type Store = ReturnType<typeof createStore>;
export const StoreContext = createContext<Store>(null as unknown as Store);
export const useStore = () => useContext(StoreContext);
export { REVIEW_STEP };
