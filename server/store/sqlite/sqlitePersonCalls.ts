// The calls a person's address already holds: upcoming live bookings in which it is one of the two people.
// Works on the store's own connection, so it runs inside the booking's BEGIN IMMEDIATE transaction.
import type { Store } from './sqliteStore.ts';

export type PersonCalls = ReturnType<typeof buildPersonCalls>;

const built = new WeakMap<Store, PersonCalls>();

/** The statements on `store`'s connection, prepared once per store. */
export function personCalls(store: Store): PersonCalls {
  let made = built.get(store);
  if (!made) built.set(store, (made = buildPersonCalls(store)));
  return made;
}

function buildPersonCalls(store: Store) {
  // Addresses are stored lowercased by the intake schema; a call that was deleted by retention has no intake.
  const upcoming = store.db.prepare<[number, string, string], { start_ms: number }>(
    `SELECT start_ms FROM bookings
      WHERE status = 'confirmed' AND start_ms > ? AND intake IS NOT NULL
        AND (json_extract(intake, '$.people[0].email') = ? OR json_extract(intake, '$.people[1].email') = ?)
      ORDER BY start_ms`);
  return {
    /** Start times of the live calls after `now` that `email` is one of the two people of. */
    upcomingFor(email: string, now: number): number[] {
      return upcoming.all(now, email, email).map((r) => r.start_ms);
    },
  };
}
