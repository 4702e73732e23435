// Who holds whom: each of the call's two coaches holds the experience of one of the two people. The coach whose
// zone's UTC offset at the call is closest to a person's holds that person; the other coach holds the other one.
import { zoneSegments } from './zoneOffsets.ts';

/** For each of the two coaches (config order), the index in `intake.people` of the person they hold. */
export type Holds = [0 | 1, 0 | 1];

/** One of a call's two coaches as a booking records them: the coach's id and the index of the person they hold. */
export interface CallCoach {
  id: string;
  holds: 0 | 1;
}

const offsetAt = (zone: string, at: number) => zoneSegments(zone, at, at + 1)[0].offset;

/**
 * The two coaches' zones (config order) and the two people's zones, read at the call's start. Of the four
 * coach–person distances the shortest decides; ties go to config order (coach one before coach two, then person
 * one before person two), so two people in one zone are held as coach one with person one.
 */
export function whoHolds(coachZones: readonly [string, string], peopleZones: readonly [string, string], at: number): Holds {
  const coaches = coachZones.map((z) => offsetAt(z, at));
  const people = peopleZones.map((z) => offsetAt(z, at));
  let best = { coach: 0, person: 0, distance: Infinity };
  for (const coach of [0, 1]) {
    for (const person of [0, 1]) {
      const distance = Math.abs(coaches[coach] - people[person]);
      if (distance < best.distance) best = { coach, person, distance };
    }
  }
  return best.coach === best.person ? [0, 1] : [1, 0];
}
