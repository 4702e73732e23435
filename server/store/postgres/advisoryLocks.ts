// The PostgreSQL advisory locks Duet takes, one key each under Duet's own namespace, so that instances on one database take turns.

/** The first half of every key ('duet' as a 32-bit integer), so that Duet's locks meet no other program's. */
export const LOCK_NAMESPACE = 0x64756574;

/** The second half: what the lock guards. */
export const LOCKS = {
  /** Schema migrations at start: two instances starting together migrate once. */
  migrate: 1,
  /** Every booking plan: plans of all instances run one after another, as on SQLite. */
  bookings: 2,
  /** The reminder pass: one instance at a time. */
  reminders: 3,
  /** The retention pass: one instance at a time. */
  retention: 4,
  /** The pass that releases holds person two did not confirm in time: one instance at a time (18: issue 18's own). */
  holds: 18,
} as const;

export type LockName = keyof typeof LOCKS;
