// "I can't take this call", until the cancellation notice: one plan in the store's transaction finds another free
// coach by the pool's rules and gives them the leaving coach's place and person, with every invitation's update;
// when nobody is free, it records that and tells the administrators at once, and nothing changes for the duo.
import type { Config } from '../../core/config.ts';
import { FAIR_SHARE_DAYS_BEFORE, describeChoice } from '../../core/pairChoice.ts';
import { checkChange } from '../../core/manage.ts';
import { findReplacement } from '../../core/replacement.ts';
import type { BookingDeps } from '../booking/bookingDeps.ts';
import { planWindow } from '../booking/callCoaches.ts';
import { SlotTaken, type BookingRow, type PlanWrites, type Planned } from '../store/port.ts';
import { webhookWrites } from '../webhooks/webhookWrites.ts';
import { coachName } from './callText.ts';
import { handOnMails, noCoachFreeMails } from './handOnMails.ts';
import { viewers, type Viewer } from './viewer.ts';

export type HandOnOutcome =
  | { ok: true; code: 'handed_on'; coach: string }
  | { ok: false; code: 'not_found' | 'not_confirmed' | 'already_cancelled' | 'too_late' | 'no_coach_free' };

/** Why the new pair has the call, as the booking records it (JSON, like a booking's own reason). */
function handedOnReason(
  config: Config,
  b: BookingRow,
  leaving: string,
  found: Extract<ReturnType<typeof findReplacement>, { ok: true }>,
  now: number,
): string {
  const text =
    `${coachName(config, leaving)} could not take this call, so the pool chose again, keeping ` +
    `${coachName(config, b.coaches.find((c) => c.id !== leaving)!.id)}: ${describeChoice(found.choice, config.coaches, config.call.horizonDays)}`;
  return JSON.stringify({
    rule: found.choice.rule,
    text,
    freePairs: found.choice.freePairs,
    calls: found.choice.calls,
    handedOn: { from: leaving, to: found.coach, at: now },
  });
}

export async function handOnCall(deps: BookingDeps, viewer: Viewer, id: string, confirmed: boolean): Promise<HandOnOutcome> {
  const { config } = deps;
  const admins = [...viewers(config).values()].filter((v) => v.admin);
  const refused: string[] = [];
  for (;;) {
    const now = deps.clock();
    let tried: string | undefined;
    try {
      return await deps.store.runPlan<HandOnOutcome>(now, async (reads): Promise<Planned<HandOnOutcome>> => {
        const b = await reads.booking(id);
        const leaving = viewer.coachId;
        if (!b || !leaving || !b.coaches.some((c) => c.id === leaving)) return { result: { ok: false, code: 'not_found' } };
        if (!confirmed) return { result: { ok: false, code: 'not_confirmed' } };
        const verdict = checkChange(b, now, config.call);
        if (!verdict.ok) return { result: { ok: false, code: verdict.code } };
        const live = await reads.liveBookings(planWindow(config, now, b, FAIR_SHARE_DAYS_BEFORE), b.id);
        const found = findReplacement({
          call: config.call,
          practiceTimeZone: config.practice.timeZone,
          coaches: config.coaches,
          pairs: config.pairs,
          start: b.start,
          callCoaches: b.coaches,
          leaving,
          refused,
          now,
          bookings: live,
          busy: deps.busy(),
        });
        if (!found.ok) {
          // Nothing changes for the duo; the administrators decide (they never see the answers).
          const writes: PlanWrites = {
            withdrawal: { id: b.id, coachId: leaving, at: now },
            mails: noCoachFreeMails(config, b, b.intake, leaving, admins, now),
          };
          return { result: { ok: false, code: 'no_coach_free' }, writes };
        }
        tried = found.coach;
        const sequence = b.sequence + 1;
        const writes: PlanWrites = {
          change: { id: b.id, sequence: b.sequence, status: 'confirmed', start: b.start, end: b.end },
          coaches: { id: b.id, coaches: found.coaches, pairReason: handedOnReason(config, b, leaving, found, now) },
          mails: b.intake
            ? handOnMails({
                config,
                booking: { id: b.id, uid: b.uid, start: b.start, end: b.end, sequence, coaches: found.coaches },
                intake: b.intake,
                leaving,
                joining: found.coach,
                now,
              })
            : [],
        };
        // booking.reassigned goes to the practice's tools in this same transaction.
        writes.webhooks = await webhookWrites(reads, config, {
          event: { type: 'booking.reassigned', leaving, joining: found.coach, by: { role: 'coach', coach: leaving } },
          booking: {
            id: b.id,
            start: b.start,
            end: b.end,
            status: 'confirmed',
            coaches: found.coaches,
            intake: b.intake,
            partnerView: b.partnerView,
          },
          at: now,
        });
        return { result: { ok: true, code: 'handed_on', coach: found.coach }, writes };
      });
    } catch (e) {
      // The database saw the chosen coach held then after all (PostgreSQL's constraint): choose again without them.
      if (!(e instanceof SlotTaken) || !tried) throw e;
      refused.push(tried);
    }
  }
}

/** The page's title, words and status for each outcome. */
export function handOnNotice(config: Config, outcome: HandOnOutcome): [string, string, 200 | 409 | 422] {
  switch (outcome.code) {
    case 'handed_on':
      return [
        'Your place is handed on',
        `${coachName(config, outcome.coach)} takes your place on this call. You get a cancellation for your calendar; everyone else an update.`,
        200,
      ];
    case 'no_coach_free':
      return [
        'No other coach is free',
        'No other coach of the pool is free at that time. The administrators have been told and will decide; the duo has been told nothing. You stay on the call until then.',
        200,
      ];
    case 'not_confirmed':
      return ['Please confirm', 'Tick the box to confirm that you cannot take this call, then send again.', 422];
    case 'already_cancelled':
      return ['This call was cancelled', 'There is nothing to hand on: the call was cancelled.', 409];
    case 'too_late':
    case 'not_found':
      return [
        'Too late to hand this call on',
        `The call is inside its ${config.call.cancelNoticeHours}-hour notice: please write to ${config.practice.email}.`,
        409,
      ];
  }
}
