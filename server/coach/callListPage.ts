// The page a signed-in person lands on: a coach's own calls (upcoming first, soonest first; then the last 90 days,
// latest first), or for an administrator every call and each coach's calls against their fair share.
import type { Config } from '../../core/config.ts';
import { fairShares } from '../../core/fairShare.ts';
import { escapeHtml } from '../mail/mailBody.ts';
import { formatWhen } from '../mail/whenText.ts';
import type { DeskCall } from '../store/port.ts';
import { coachPage } from './coachLayout.ts';
import {
  attendanceText,
  coachName,
  confirmationText,
  duoLine,
  holdingText,
  isOnCall,
  timeRows,
  viewerZone,
  withdrawalText,
} from './callText.ts';
import type { Viewer } from './viewer.ts';

/** How far back the page looks. */
export const PAST_DAYS = 90;

function card(config: Config, viewer: Viewer, call: DeskCall): string {
  const b = call.booking;
  const zone = viewerZone(config, viewer);
  const cancelled = b.status === 'cancelled';
  const flags = [
    cancelled && b.releasedAt === null ? 'Cancelled' : undefined,
    confirmationText(b, zone),
    withdrawalText(config, call, zone),
    attendanceText(config, call, zone),
  ]
    .filter((t): t is string => !!t)
    .map((t) => `<p><span class="flag">${escapeHtml(t)}</span></p>`)
    .join('');
  const yours = viewer.admin && isOnCall(viewer, b) ? ' <span class="muted">(yours)</span>' : '';
  return `      <article class="call${cancelled ? ' cancelled' : ''}" aria-labelledby="call-${b.id}">
        <h3 id="call-${b.id}"><a href="/coach/calls/${b.id}">${escapeHtml(formatWhen(b.start, b.end, zone))}</a>${yours}</h3>
        <p>${escapeHtml(duoLine(b.intake))}</p>
        ${timeRows(config, viewer, b)}
        <p>${escapeHtml(holdingText(config, viewer, b))}</p>
        ${flags}
      </article>`;
}

function section(config: Config, viewer: Viewer, id: string, title: string, calls: readonly DeskCall[], none: string): string {
  const body = calls.length ? calls.map((c) => card(config, viewer, c)).join('\n') : `      <p class="muted">${escapeHtml(none)}</p>`;
  return `    <section aria-labelledby="${id}">\n      <h2 id="${id}">${escapeHtml(title)}</h2>\n${body}\n    </section>`;
}

/** Upcoming (not yet ended) soonest first, then the past latest first. */
export function splitCalls(calls: readonly DeskCall[], now: number): { upcoming: DeskCall[]; past: DeskCall[] } {
  return {
    upcoming: calls.filter((c) => c.booking.end > now),
    past: calls.filter((c) => c.booking.end <= now).reverse(),
  };
}

function sharesTable(config: Config, calls: readonly DeskCall[]): string {
  const live = calls.filter((c) => c.booking.status === 'confirmed').map((c) => c.booking.coaches.map((cc) => cc.id));
  const rows = fairShares(config.coaches, live)
    .map(
      (s) =>
        `<tr><th scope="row">${escapeHtml(coachName(config, s.id))}</th><td>${s.weight}</td><td>${s.calls}</td><td>${s.share.toFixed(1)}</td></tr>`,
    )
    .join('');
  return `    <section aria-labelledby="shares">
      <h2 id="shares">Each coach's calls against their fair share</h2>
      <p class="muted">Calls not cancelled, of the last ${PAST_DAYS} days and to come. Each call seats two coaches; the fair share is those seats shared out by weight.</p>
      <table>
        <thead><tr><th scope="col">Coach</th><th scope="col">Weight</th><th scope="col">Calls</th><th scope="col">Fair share</th></tr></thead>
        <tbody>${rows}</tbody>
      </table>
    </section>`;
}

export function callListPage(config: Config, viewer: Viewer, calls: readonly DeskCall[], now: number): string {
  const { upcoming, past } = splitCalls(calls, now);
  const waiting = upcoming.filter((c) => c.withdrawal && c.booking.status === 'confirmed');
  const parts = viewer.admin
    ? [
        sharesTable(config, calls),
        ...(waiting.length ? [section(config, viewer, 'decide', 'Calls waiting for a coach', waiting, '')] : []),
        section(config, viewer, 'upcoming', 'Upcoming calls', upcoming, 'No calls to come.'),
        section(config, viewer, 'past', `The last ${PAST_DAYS} days`, past, `No calls in the last ${PAST_DAYS} days.`),
      ]
    : [
        section(config, viewer, 'upcoming', 'Your upcoming calls', upcoming, 'You have no calls to come.'),
        section(config, viewer, 'past', `Your last ${PAST_DAYS} days`, past, `You had no calls in the last ${PAST_DAYS} days.`),
      ];
  return coachPage(config, { title: viewer.admin ? 'Every call' : 'Your calls', viewer, body: parts.join('\n') });
}
