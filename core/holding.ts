// Who holds whom: each of the call's two coaches holds the experience of one of the two people, the coach whose
// zone's UTC offset at the call is closest to that person's; ties go to config order (the first coach, person one).
import { zoneSegments } from './zoneOffsets.ts';

/** For each of the two coaches (config order), the index in `intake.people` of the person they hold. */
export type Holds = [0 | 1, 0 | 1];

const offsetAt = (zone: string, at: number) => zoneSegments(zone, at, at + 1)[0].offset;

/**
 * The two coaches' zones (config order) and the two people's zones, at the call's start. Of the two ways to
 * match them, the one with the smaller total distance between offsets, then the smaller greatest distance
 * (no one held from much further away than needed), then coach one holding person one.
 */
export function whoHolds(coachZones: readonly [string, string], peopleZones: readonly [string, string], at: number): Holds {
  const [c0, c1] = coachZones.map((z) => offsetAt(z, at));
  const [p0, p1] = peopleZones.map((z) => offsetAt(z, at));
  const straight = [Math.abs(c0 - p0), Math.abs(c1 - p1)];
  const crossed = [Math.abs(c0 - p1), Math.abs(c1 - p0)];
  const sum = (d: number[]) => d[0] + d[1];
  const worst = (d: number[]) => Math.max(d[0], d[1]);
  const cross = sum(crossed) < sum(straight) || (sum(crossed) === sum(straight) && worst(crossed) < worst(straight));
  return cross ? [1, 0] : [0, 1];
}
