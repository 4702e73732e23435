// Manage mode's state: the booking the link opens, which view is showing, and the reschedule and cancel requests.
// The open times load through slots/slotList.ts and the requests go through api.ts, as the booking's do.
import { batch, signal } from '@preact/signals';
import type { ManagedBooking } from '../../core/api.ts';
import { errorOf, get, post, reply } from '../api.ts';
import { failureMessage } from '../requests/failureMessage.ts';
import type { FocusMove } from '../moveFocus.ts';
import { slotList } from '../slots/slotList.ts';
import { rescheduleChoice } from './rescheduleChoice.ts';

export interface ManageMode {
  kind: 'manage';
  id: string;
  token: string;
}

export type ManageView = 'loading' | 'unreachable' | 'not_found' | 'overview' | 'reschedule' | 'cancel' | 'confirm';

const NONE_TICKED = { notice: false, presence: false, confidentiality: false, commitment: false };

/** Person two, through their own link, before they confirmed their part of a call that stands. */
const asksToConfirm = (b: ManagedBooking) => b.you === 1 && b.booking.status === 'confirmed' && b.people[1]?.confirmed === false;

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
  /** A new object whenever focus should move: to the view's heading, the first field in error, or the button. */
  const focus = signal<FocusMove>(null);
  const controller = new AbortController();
  let alive = true;

  const slots = slotList({
    request: () => get(apiBase, `${base}/availability${query}`, controller.signal),
    onLoaded: (list) => {
      if (!list.some((s) => s.start === picker.choice.chosen.value)) picker.choice.choose('');
    },
    refused: async (status, data) => {
      if (status !== 409 && status !== 404) return false;
      await refused(status, errorOf(data)?.code);
      return true;
    },
  });
  const picker = rescheduleChoice(slots, () => {
    alert.value = '';
  });

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
          picker.setBooking(booking.value);
          if (!quiet) view.value = asksToConfirm(booking.value) ? 'confirm' : 'overview';
        });
      } else view.value = r.status === 404 ? 'not_found' : 'unreachable';
    } catch {
      if (alive) view.value = 'unreachable';
    }
  }

  /** The booking can no longer change (cancelled, too late, or gone): show it as it now is. */
  async function refused(status: number, code: string | undefined) {
    if (status === 404) return show('not_found');
    await load(undefined, true);
    show(
      'overview',
      code === 'too_late'
        ? 'It is now too late to change the call online.'
        : code === 'already_cancelled'
          ? 'This call has already been cancelled.'
          : code === 'released'
            ? 'It is now too late to confirm: the time has been released.'
            : code === 'already_confirmed'
              ? 'This part has already been confirmed.'
              : '',
    );
  }

  async function change(path: 'reschedule' | 'cancel' | 'confirm', body: Record<string, unknown>, success: (b: ManagedBooking) => string) {
    if (busy.value) return;
    const email = booking.value?.practice.email;
    const refuse = (message: string) =>
      batch(() => {
        alert.value = message;
        focus.value = { to: 'submit' };
      });
    batch(() => {
      busy.value = true;
      alert.value = '';
      done.value = '';
    });
    try {
      const r = await reply<ManagedBooking>(post(apiBase, `${base}/${path}`, JSON.stringify({ token: mode.token, ...body })));
      if (!alive) return;
      const error = errorOf(r.data);
      if (r.status === 200 && r.data) {
        const next = r.data as ManagedBooking;
        batch(() => {
          booking.value = next;
          reason.value = '';
          confirm.view.value = { now: '', hopes: '' };
          picker.choice.choose('');
          done.value = success(next);
          show('overview');
        });
      } else if (r.status === 409 && error?.code === 'slot_unavailable') {
        // Beside the times, with fresh ones, and the keyboard on them.
        picker.choice.choose('');
        busy.value = false;
        await slots.load();
        if (!alive) return;
        batch(() => {
          picker.setError('Someone has just taken that time. Please choose another one.');
          focus.value = { to: 'error' };
        });
      } else if (r.status === 404 || r.status === 409) {
        await refused(r.status, error?.code);
      } else if (r.status === 422 && error?.issues?.[0]) {
        refuse(`Please check the reason: ${error.issues[0].message}.`);
      } else {
        refuse(failureMessage(r.status, email, false));
      }
    } catch {
      if (alive) refuse(failureMessage('offline', email, false));
    } finally {
      if (alive) busy.value = false;
    }
  }

  void load(preload);

  return {
    apiBase,
    view,
    booking,
    alert,
    done,
    busy,
    reason,
    confirm,
    focus,
    picker,
    reload: () => {
      view.value = 'loading';
      return load();
    },
    startReschedule() {
      done.value = '';
      picker.setError(undefined);
      show('reschedule');
      void slots.load();
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
      const start = picker.choice.chosen.value;
      if (!start) {
        batch(() => {
          picker.setError('choose a new time for the call');
          alert.value = '';
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
      return change(
        'confirm',
        { agreements: ticked, view: { now: now.trim(), hopes: hopes.trim() } },
        () => 'Thank you: your part is confirmed. The two coaches have been told; only they will read your answers.',
      );
    },
    cancel: () =>
      change(
        'cancel',
        reason.value.trim() ? { reason: reason.value.trim() } : {},
        () => 'Your call is cancelled. Both of you and both coaches have been told.',
      ),
    dispose() {
      alive = false;
      controller.abort();
      slots.stop();
    },
  };
}

export type ManageStore = ReturnType<typeof createManageStore>;
