// One call on the coaches' page: its times, who holds whom, why this pair, the intake (its two coaches only), who
// did not come, and the two things its coaches can do: hand it on before the notice, mark no-shows after it starts.
import type { Config } from '../../core/config.ts';
import { escapeHtml } from '../mail/mailBody.ts';
import { formatInstant, formatWhen } from '../mail/whenText.ts';
import type { DeskCall } from '../store/port.ts';
import { coachPage } from './coachLayout.ts';
import {
  attendanceText,
  coachName,
  confirmationText,
  duoLine,
  handOnUntil,
  holdingText,
  isOnCall,
  personLabel,
  personName,
  reasonText,
  timeRows,
  viewerZone,
  withdrawalText,
} from './callText.ts';
import { intakeHtml } from './intakeHtml.ts';
import type { Viewer } from './viewer.ts';

const para = (text: string, attrs = '') => `    <p${attrs}>${escapeHtml(text)}</p>`;

function handOnForm(config: Config, viewer: Viewer, call: DeskCall, now: number): string {
  const b = call.booking;
  const until = handOnUntil(config, b);
  const zone = viewerZone(config, viewer);
  if (now > until) {
    return para(
      `It is too late to hand this call on here (that was possible until ${formatInstant(until, zone)}): please write to ${config.practice.email}.`,
    );
  }
  const mine = b.coaches.find((c) => c.id === viewer.coachId)!;
  const other = b.coaches.find((c) => c.id !== viewer.coachId);
  const again = call.withdrawal?.coachId === viewer.coachId;
  return `    <form method="post" action="/coach/calls/${b.id}/leave">
      <p>Until ${escapeHtml(formatInstant(until, zone))}, Duet can give your place to another free coach, chosen by the pool's rules.
        ${other ? `${escapeHtml(coachName(config, other.id))} stays, and ` : ''}the new coach holds ${escapeHtml(personName(b.intake, mine.holds))}'s experience.
        You get a cancellation for your calendar; everyone else an update.${again ? ' You asked before and no coach was free then: ask again to try once more.' : ''}</p>
      <div class="choice"><input type="checkbox" id="confirm-leave" name="confirm" value="yes" required><label for="confirm-leave">Yes, give my place on this call to another coach</label></div>
      <button type="submit">I can't take this call</button>
    </form>`;
}

function attendanceForm(config: Config, call: DeskCall): string {
  const b = call.booking;
  const absent = new Set(call.attendance?.absent ?? []);
  const box = (key: string, label: string) => {
    const id = `absent-${key.replace(/[^a-z0-9-]/gi, '-')}`;
    return `        <div class="choice"><input type="checkbox" id="${id}" name="absent" value="${escapeHtml(key)}"${absent.has(key) ? ' checked' : ''}><label for="${id}">${escapeHtml(label)}</label></div>`;
  };
  const boxes = [
    ...[0, 1].map((i) => box(`person:${i}`, `${personName(b.intake, i)} (${personLabel(i)})`)),
    ...b.coaches.map((c) => box(`coach:${c.id}`, `${coachName(config, c.id)} (coach)`)),
  ].join('\n');
  return `    <form method="post" action="/coach/calls/${b.id}/attendance">
      <fieldset>
        <legend>Who did not come? Leave every box empty if everyone came.</legend>
${boxes}
      </fieldset>
      <button type="submit">Save who did not come</button>
    </form>`;
}

export function callPage(config: Config, viewer: Viewer, call: DeskCall, now: number, notice?: string): string {
  const b = call.booking;
  const zone = viewerZone(config, viewer);
  const onCall = isOnCall(viewer, b);
  const live = b.status === 'confirmed';
  const reason = reasonText(b);
  const parts = [
    ...(notice ? [para(notice, ' role="status"')] : []),
    para(duoLine(b.intake)),
    ...(live ? [] : [para('This call was cancelled.', ' class="flag"')]),
    `    ${timeRows(config, viewer, b)}`,
    para(holdingText(config, viewer, b)),
    ...(reason ? ['    <h2>Why these two coaches</h2>', para(reason)] : []),
    ...[withdrawalText(config, call, zone), attendanceText(config, call, zone)].filter((t): t is string => !!t).map((t) => para(t)),
  ];
  if (onCall && b.intake) {
    const partner = { confirmation: confirmationText(b, zone), view: b.partnerView };
    parts.push(intakeHtml(b.intake, b.coaches.find((c) => c.id === viewer.coachId)?.holds, partner));
  } else if (!onCall) {
    const confirmation = confirmationText(b, zone);
    if (confirmation) parts.push(para(confirmation));
  }
  if (onCall && !b.intake) parts.push(para('Their answers were deleted after the retention period.'));
  if (!onCall) parts.push(para("The intake answers are for the call's two coaches only."));
  if (onCall && live && now < b.start) parts.push("    <h2>I can't take this call</h2>", handOnForm(config, viewer, call, now));
  if (onCall && live && now >= b.start) parts.push('    <h2>After the call</h2>', attendanceForm(config, call));
  return coachPage(config, { title: `${config.call.title}, ${formatWhen(b.start, b.end, zone)}`, viewer, body: parts.join('\n') });
}
