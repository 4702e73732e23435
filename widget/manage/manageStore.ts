// Manage mode's state: the booking the link opens, which view is showing, and the reschedule and cancel requests.
import { batch, signal } from '@preact/signals';
import type { ManagedBooking, Slot } from '../../core/api.ts';
import { errorOf, get, reply } from '../api.ts';
import { slotPicker } from './slotPicker.ts';
import type { FocusMove } from '../moveFocus.ts';

export interface ManageMode { kind: 'manage'; id: string; token: string }

export type ManageView = 'loading' | 'unreachable' | 'not_found' | 'overview' | 'reschedule' | 'cancel' | 'confirm';

const NONE_TICKED = { notice: false, presence: false, confidentiality: false, commitment: false };

/** Person two, through their own link, before they confirmed their part of a call that stands. */
const asksToConfirm = (b: ManagedBooking) => b.you === 1 && b.booking.status === 'confirmed' && b.people[1]?.confirmed === false;

const post = (apiBase: string, path: string, body: unknown) => fetch(`${apiBase}${path}`, {
  method: 'POST', credentials: 'omit', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
});

export function createManageStore(apiBase: string, mode: ManageMode, preload?: Promise<Response>) {
  const base = `/api/bookings/${encodeURIComponent(mode.id)}`;
  const query = `?token=${encodeURIComponent(mode.token)}`;
  const view = signal<ManageView>('loading');
  const booking = signal<ManagedBooking | null>(null);
  /** Problems with the last request (role=alert); `done` says what the last change did (role=status). */
  const alert = signal('');
  const done = signal('');
  const busy = signal(false);
  const reason = signal('');
  /** Person two's confirm form: the four agreements, their two private answers, whether they tried to send. */
  const confirm = { ticked: signal({ ...NONE_TICKED }), view: signal({ now: '', hopes: '' }), tried: signal(false) };
  /** A new object whenever focus should move: to the view's heading, or to the first field in error. */
  const focus = signal<FocusMove>(null);
  const controller = new AbortController();
  let alive = true;

  const picker = slotPicker(() => loadSlots(), () => { alert.value = ''; });

  function show(to: ManageView, message = '') {
    batch(() => {
      view.value = to;
      alert.value = message;
      focus.value = { to: 'heading' };
    });
  }

  async function load(pre?: Promise<Response>, quiet = false) {
    try {
      const r = await reply<ManagedBooking>(pre ?? get(apiBase, `${base}${query}`, controller.signal));
      if (!alive) return;
      if (r.status === 200 && r.data) {
        batch(() => {
          booking.value = r.data as ManagedBooking;
          picker.setPeople(booking.value.people, booking.value.practice.email, booking.value.call.minutes);
          if (!quiet) view.value = asksToConfirm(booking.value) ? 'confirm' : 'overview';
        });
      } else view.value = r.status === 404 ? 'not_found' : 'unreachable';
    } catch {
      if (alive) view.value = 'unreachable';
    }
  }

  let slotsRequest = 0;
  async function loadSlots() {
    const mine = ++slotsRequest;
    picker.slots.value = { status: 'loading', slots: [], at: 0 };
    try {
      const r = await reply<{ slots: Slot[] }>(get(apiBase, `${base}/availability${query}`, controller.signal));
      if (!alive || mine !== slotsRequest) return;
      const list = (r.data as { slots?: Slot[] } | null)?.slots;
      if (r.status === 200 && Array.isArray(list)) {
        batch(() => {
          picker.slots.value = { status: 'ready', slots: list, at: Date.now() };
          if (!list.some((s) => s.start === picker.chosen())) picker.set('slot', '');
        });
      } else if (r.status === 409 || r.status === 404) {
        await refused(r.status, errorOf(r.data)?.code);
      } else throw new Error(String(r.status));
    } catch {
      if (alive && mine === slotsRequest) picker.slots.value = { status: 'error', slots: [], at: 0 };
    }
  }

  /** The booking can no longer change (cancelled, too late, or gone): show it as it now is. */
  async function refused(status: number, code: string | undefined) {
    if (status === 404) return show('not_found');
    await load(undefined, true);
    show('overview', code === 'too_late'
      ? 'It is now too late to change the call online.'
      : code === 'already_cancelled' ? 'This call has already been cancelled.' : '');
  }

  async function change(path: 'reschedule' | 'cancel' | 'confirm', body: Record<string, unknown>, success: (b: ManagedBooking) => string) {
    if (busy.value) return;
    batch(() => { busy.value = true; alert.value = ''; done.value = ''; });
    try {
      const r = await reply<ManagedBooking>(post(apiBase, `${base}/${path}`, { token: mode.token, ...body }));
      if (!alive) return;
      const error = errorOf(r.data);
      if (r.status === 200 && r.data) {
        const next = r.data as ManagedBooking;
        batch(() => {
          booking.value = next;
          reason.value = '';
          confirm.view.value = { now: '', hopes: '' };
          picker.set('slot', '');
          done.value = success(next);
          show('overview');
        });
      } else if (r.status === 409 && error?.code === 'slot_unavailable') {
        batch(() => {
          picker.set('slot', '');
          alert.value = 'Someone has just taken that time. Please choose another one.';
        });
        loadSlots();
      } else if (r.status === 404 || r.status === 409) {
        await refused(r.status, error?.code);
      } else if (r.status === 429) {
        alert.value = 'There have been too many attempts from here. Please wait a minute and try again.';
      } else {
        alert.value = error?.issues?.[0]?.message ? `${error.issues[0].message}.` : 'Something went wrong on our side. Please try again in a moment.';
      }
    } catch {
      if (alive) alert.value = 'We could not reach the booking service. Check your connection and try again.';
    } finally {
      if (alive) busy.value = false;
    }
  }

  load(preload);

  return {
    apiBase, view, booking, alert, done, busy, reason, confirm, focus, picker,
    reload: () => { view.value = 'loading'; return load(); },
    startReschedule() {
      done.value = '';
      show('reschedule');
      loadSlots();
    },
    startConfirm() {
      done.value = '';
      show('confirm');
    },
    startCancel() {
      done.value = '';
      show('cancel');
    },
    back: () => show('overview'),
    reschedule() {
      const start = picker.chosen();
      if (!start) {
        batch(() => {
          picker.errors.value = { slot: 'choose a new time for the call' };
          alert.value = 'Please choose a new time for the call.';
          focus.value = { to: 'error' };
        });
        return;
      }
      return change('reschedule', { start }, () => 'Your call has moved. Both of you and both coaches have been sent the new time.');
    },
    confirmPart() {
      const ticked = confirm.ticked.value;
      confirm.tried.value = true;
      if (!Object.values(ticked).every(Boolean)) {
        batch(() => {
          alert.value = 'Please tick each of the four agreements to confirm your part.';
          focus.value = { to: 'error' };
        });
        return;
      }
      const { now, hopes } = confirm.view.value;
      return change('confirm', { agreements: ticked, view: { now: now.trim(), hopes: hopes.trim() } },
        () => 'Thank you: your part is confirmed. The two coaches have been told; only they will read your answers.');
    },
    cancel: () => change('cancel', reason.value.trim() ? { reason: reason.value.trim() } : {},
      () => 'Your call is cancelled. Both of you and both coaches have been told.'),
    dispose() {
      alive = false;
      controller.abort();
    },
  };
}

export type ManageStore = ReturnType<typeof createManageStore>;
