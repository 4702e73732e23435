// Sends the booking (in the later chunk): the request checked as the server will check it, one Idempotency-Key per
// submission, and every refusal said beside what caused it — the times, a field, or the Book button.
import { batch } from '@preact/signals';
import type { BookingCreated, PublicConfig } from '../../core/api.ts';
import { HOUR_MS } from '../../core/time.ts';
import { errorOf, get, post, reply, uuid } from '../api.ts';
import { failureMessage } from '../requests/failureMessage.ts';
import type { Store } from '../store.ts';
import { indexOf, toErrors } from '../steps/stepTable.ts';
import { checkRequest } from '../validate.ts';

const TAKEN = 'Someone has just booked that time. Please choose another one; your answers are kept.';
const TOO_LATE = 'That time is now too close to book. Please choose a later one; your answers are kept.';

/** The time step again with fresh times, the message beside them and the keyboard on them. */
async function chooseAgain(s: Store, message: string) {
  s.set('slot', '');
  await s.slots.load();
  if (!s.isAlive()) return;
  batch(() => {
    s.step.value = indexOf('time');
    s.returning.value = false;
    s.alert.value = '';
    s.errors.value = { slot: message };
    s.focus.value = { to: 'error' };
  });
}

/** The body with the server's form stamp (from GET /api/config, asked again if that failed or is old); the key's body leaves it out. */
async function stamped(s: Store, body: object): Promise<string> {
  let stamp = s.config.value?.stamp;
  // The server honours a stamp for 24 hours: a form left open longer asks for a fresh one first.
  if (!stamp || s.stampAge() > 12 * HOUR_MS) {
    const r = await reply<PublicConfig>(get(s.apiBase, '/api/config')).catch(() => undefined);
    if (r?.status === 200 && r.data) {
      stamp = (s.config.value = r.data as PublicConfig).stamp;
      s.markStamped();
    }
  }
  const b = body as { meta?: object };
  return JSON.stringify({ ...b, meta: { ...b.meta, stamp } });
}

export async function submitBooking(s: Store) {
  if (s.busy.value) return;
  const checked = checkRequest(s.answers.value, s.openedAt);
  if (!checked.ok) return s.showErrors(checked.errors);
  const body = JSON.stringify(checked.body);
  // The same submission keeps its key across retries (and reloads), so the server books it at most once.
  const attempt = s.attempt()?.body === body ? s.attempt()! : { key: uuid(), body };
  s.setAttempt(attempt);
  const email = s.config.value?.practice.email;
  const refuse = (message: string) =>
    batch(() => {
      s.submitError.value = message;
      s.focus.value = { to: 'submit' };
    });
  batch(() => {
    s.busy.value = true;
    s.alert.value = '';
    s.submitError.value = '';
  });
  try {
    const r = await reply<BookingCreated>(post(s.apiBase, '/api/bookings', await stamped(s, checked.body), attempt.key));
    if (!s.isAlive()) return;
    const error = errorOf(r.data);
    if (r.status === 201 || r.status === 200) {
      s.setAttempt(undefined);
      batch(() => {
        s.booked.value = r.data as BookingCreated;
        s.focus.value = { to: 'heading' };
      });
    } else if (r.status === 409 && (error?.code === 'slot_unavailable' || error?.code === 'too_late')) {
      s.busy.value = false;
      await chooseAgain(s, error.code === 'too_late' ? TOO_LATE : TAKEN);
    } else if (r.status === 409 && error?.code === 'already_booked') {
      // Not the time's fault: the server's message names the days already booked and where to change them.
      refuse(error.message);
    } else if (r.status === 422 && error?.issues?.length) {
      s.showErrors(toErrors(error.issues));
    } else {
      if (error?.code === 'idempotency_mismatch') s.setAttempt(undefined);
      refuse(failureMessage(r.status, email));
    }
  } catch {
    if (s.isAlive()) refuse(failureMessage('offline', email));
  } finally {
    if (s.isAlive()) s.busy.value = false;
  }
}
