// What the coaches' page says about one call: who may open it, its times in each zone, who holds whom, why this
// pair, who did not come, and whether it can still be handed on. Words only; the pages place them.
import { changeDeadline } from '../../core/bookingPolicy.ts';
import type { Config } from '../../core/config.ts';
import type { Intake } from '../../core/intake.ts';
import { escapeHtml } from '../mail/mailBody.ts';
import { formatInstant, formatWhen } from '../mail/whenText.ts';
import type { BookingRow, DeskCall } from '../store/port.ts';
import type { Viewer } from './viewer.ts';

/** One of the call's two coaches. */
export const isOnCall = (viewer: Viewer, b: BookingRow): boolean => !!viewer.coachId && b.coaches.some((c) => c.id === viewer.coachId);

/** Administrators open every call; a coach only the calls they hold (any other is "not found", like an unknown id). */
export const mayOpen = (viewer: Viewer, b: BookingRow): boolean => viewer.admin || isOnCall(viewer, b);

export const coachName = (config: Config, id: string): string => config.coaches.find((c) => c.id === id)?.name ?? id;

/** The zone the viewer reads times in: their own as a coach, else the practice's. */
export const viewerZone = (config: Config, viewer: Viewer): string =>
  config.coaches.find((c) => c.id === viewer.coachId)?.timeZone ?? config.practice.timeZone;

export const personLabel = (i: number): string => (i === 0 ? 'person one' : 'person two');

/** A person as the page names them; after retention has deleted the answers, by their place only. */
export const personName = (intake: Intake | null, i: number): string => intake?.people[i]?.name ?? `Person ${i === 0 ? 'one' : 'two'}`;

export function duoLine(intake: Intake | null): string {
  return intake ? `${intake.people[0].name} & ${intake.people[1].name}` : 'Their names were deleted after the retention period';
}

/** The call's time in the viewer's zone, then each person's local time where it differs (escaped HTML rows). */
export function timeRows(config: Config, viewer: Viewer, b: BookingRow): string {
  const zone = viewerZone(config, viewer);
  const rows = [`<dt>When (your time)</dt><dd>${escapeHtml(formatWhen(b.start, b.end, zone))}</dd>`];
  b.intake?.people.forEach((p) => {
    rows.push(`<dt>For ${escapeHtml(p.name)}</dt><dd>${escapeHtml(formatWhen(b.start, b.end, p.timeZone))}</dd>`);
  });
  return `<dl>${rows.join('')}</dl>`;
}

/** "You hold Ada Lovelace (person one); your co-coach Jonas Berg holds Grace Hopper (person two)." */
export function holdingText(config: Config, viewer: Viewer, b: BookingRow): string {
  return (
    b.coaches
      .map((c) => {
        const held = `${personName(b.intake, c.holds)} (${personLabel(c.holds)})`;
        if (c.id === viewer.coachId) return `You hold ${held}`;
        const who = isOnCall(viewer, b) ? `your co-coach ${coachName(config, c.id)}` : coachName(config, c.id);
        return `${who} holds ${held}`;
      })
      .join('; ')
      .replace(/^./, (ch) => ch.toUpperCase()) + '.'
  );
}

/** The sentence the pool recorded on why this pair took the call. */
export function reasonText(b: BookingRow): string | undefined {
  if (!b.pairReason) return undefined;
  try {
    const text = (JSON.parse(b.pairReason) as { text?: unknown }).text;
    return typeof text === 'string' ? text : undefined;
  } catch {
    return undefined;
  }
}

/** Each absence key in words: a person by name and place, a coach by name. */
export function absentName(config: Config, b: BookingRow, key: string): string {
  const person = /^person:([01])$/.exec(key);
  if (person) return `${personName(b.intake, Number(person[1]))} (${personLabel(Number(person[1]))})`;
  return `${coachName(config, key.replace(/^coach:/, ''))} (coach)`;
}

/** Who did not come, as recorded; undefined when nobody has recorded it yet. */
export function attendanceText(config: Config, call: DeskCall, zone: string): string | undefined {
  const a = call.attendance;
  if (!a) return undefined;
  const by = `recorded by ${coachName(config, a.by)} on ${formatInstant(a.at, zone)}`;
  if (a.absent.length === 0) return `Everyone came (${by}).`;
  return `Did not come: ${a.absent.map((k) => absentName(config, call.booking, k)).join(', ')} (${by}).`;
}

export function withdrawalText(config: Config, call: DeskCall, zone: string): string | undefined {
  const w = call.withdrawal;
  if (!w) return undefined;
  return (
    `${coachName(config, w.coachId)} said on ${formatInstant(w.at, zone)} that they cannot take this call, and no other coach was free: ` +
    'the administrators decide. The duo has not been told.'
  );
}

/** Until when a coach of the call may still hand it on: the cancellation notice before it. */
export const handOnUntil = (config: Config, b: BookingRow): number => changeDeadline(b.start, config.call);

/**
 * Person two's confirmation of their part (issue 18), as the coaches read it; undefined for a call booked before
 * each person had a link of their own, and for a call cancelled otherwise than by a release.
 */
export function confirmationText(b: BookingRow, zone: string): string | undefined {
  const two = personName(b.intake, 1);
  if (b.releasedAt !== null) return `Released on ${formatInstant(b.releasedAt, zone)}: ${two} did not confirm their part in time.`;
  if (b.partnerConfirmedAt !== null) return `${two} confirmed their part on ${formatInstant(b.partnerConfirmedAt, zone)}.`;
  if (b.partnerTokenHash === null || b.status !== 'confirmed') return undefined;
  const held = b.holdUntil !== null ? ` The time is held for both coaches until ${formatInstant(b.holdUntil, zone)}.` : '';
  return `${two} has not confirmed their part yet.${held}`;
}
