// Person two confirms their part through their own link: the agreements and their private answers, as a plan in
// the store's transaction (a conditional update: of two confirms one wins), then one short note to the two coaches
// and booking.confirmed to the webhooks.
import type { ConfirmRequest } from '../../core/confirm.ts';
import { isDueForRelease, isHeld } from '../../core/partnerHold.ts';
import { partnerConfirmedMails } from '../mail/partnerMails.ts';
import type { BookingRow } from '../store/port.ts';
import type { BookingDeps } from './bookingDeps.ts';
import { personOfToken } from './personToken.ts';
import { releaseWrites } from './releaseHolds.ts';
import { webhookWrites } from '../webhooks/webhookWrites.ts';

export type ConfirmCode = 'not_found' | 'not_partner' | 'already_confirmed' | 'already_cancelled' | 'released';
export type ConfirmResult = { ok: true; booking: BookingRow } | { ok: false; code: ConfirmCode };

export function confirmPartner(deps: BookingDeps, id: string, req: ConfirmRequest): Promise<ConfirmResult> {
  const now = deps.clock();
  return deps.store.runPlan<ConfirmResult>(now, async (reads) => {
    const b = await reads.booking(id);
    const who = b && personOfToken(b, req.token);
    if (!b || who === undefined) return { result: { ok: false, code: 'not_found' } };
    if (who !== 1) return { result: { ok: false, code: 'not_partner' } };
    if (b.releasedAt !== null) return { result: { ok: false, code: 'released' } };
    // Too late, though the release job has not run yet: the release happens here, and the confirm is refused as after it.
    if (isDueForRelease(b, now, deps.config.call))
      return { result: { ok: false, code: 'released' }, writes: await releaseWrites(deps, reads, b, now) };
    if (b.status !== 'confirmed') return { result: { ok: false, code: 'already_cancelled' } };
    if (b.partnerConfirmedAt !== null) return { result: { ok: false, code: 'already_confirmed' } };
    const view = { now: req.view.now ?? '', hopes: req.view.hopes ?? '' };
    const mails = b.intake
      ? partnerConfirmedMails({
          config: deps.config,
          booking: { id: b.id, uid: b.uid, start: b.start, end: b.end, sequence: b.sequence, coaches: b.coaches },
          intake: b.intake,
          view,
          held: isHeld(b),
        })
      : [];
    const confirmed: BookingRow = { ...b, partnerConfirmedAt: now, partnerView: view };
    const webhooks = await webhookWrites(reads, deps.config, {
      event: { type: 'booking.confirmed', by: { role: 'person', person: 1 } },
      booking: confirmed,
      at: now,
    });
    return {
      result: { ok: true, booking: confirmed },
      writes: { partnerConfirmation: { id: b.id, at: now, view }, mails, webhooks },
    };
  });
}
