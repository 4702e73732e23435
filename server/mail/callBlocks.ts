// The blocks every message about a call shares: when it is in the reader's zone (and the others'), how long, where, when it was.
import type { Config } from '../../core/config.ts';
import type { Block } from './mailBody.ts';
import type { Recipient } from './recipients.ts';
import { formatWhen } from './whenText.ts';
import { forLabel, LENGTH_LABEL, lengthText, wasPlannedFor, WHEN_LABEL, WHERE_LABEL } from './wording.ts';

/** "When" for `to`, then the others' local times where their zone differs. */
export function whenRows(start: number, end: number, to: Recipient, others: readonly Recipient[]): [string, string][] {
  const seen = new Set([to.timeZone]);
  const rows: [string, string][] = [[WHEN_LABEL, formatWhen(start, end, to.timeZone)]];
  for (const o of others) {
    if (seen.has(o.timeZone)) continue;
    seen.add(o.timeZone);
    rows.push([forLabel(o.name), formatWhen(start, end, o.timeZone)]);
  }
  return rows;
}

/** How long the call is and, when the practice gave one, where it takes place. */
export function whereRows(config: Config): [string, string][] {
  return [
    [LENGTH_LABEL, lengthText(config.call.minutes)],
    ...(config.call.location ? [[WHERE_LABEL, config.call.location] as [string, string]] : []),
  ];
}

/** On a reschedule, the time the call had before, in the reader's zone. */
export function wasBlocks(previous: { start: number; end: number } | undefined, to: Recipient): Block[] {
  return previous ? [{ kind: 'para', text: wasPlannedFor(formatWhen(previous.start, previous.end, to.timeZone)) }] : [];
}
