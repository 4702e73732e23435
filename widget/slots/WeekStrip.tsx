// One week of days in a row, each open day a radio with its number of times, and the weeks before and after:
// on a phone the days take one line, so the first times are on screen without scrolling past four weeks of days.
import type { TimeFormats } from './timeFormat.ts';

export interface Day {
  key: string;
  label: string;
  slots: { start: string }[];
}

const DAY_MS = 86_400_000;
const utcOf = (key: string) => Date.parse(`${key}T12:00:00Z`);
const keyOf = (t: number) => new Date(t).toISOString().slice(0, 10);

/** The locale's first day of the week (1 Monday … 7 Sunday), where the browser tells it; Monday otherwise. */
function firstDay(locale: string): number {
  try {
    const l = new Intl.Locale(locale) as Intl.Locale & { getWeekInfo?: () => { firstDay: number }; weekInfo?: { firstDay: number } };
    return l.getWeekInfo?.().firstDay ?? l.weekInfo?.firstDay ?? 1;
  } catch {
    return 1;
  }
}

/** The seven day keys of the week holding `key`. */
export function weekOf(key: string, locale: string): string[] {
  const t = utcOf(key);
  const weekday = new Date(t).getUTCDay() || 7; // 1 Monday … 7 Sunday
  const start = t - ((weekday - firstDay(locale) + 7) % 7) * DAY_MS;
  return Array.from({ length: 7 }, (_, i) => keyOf(start + i * DAY_MS));
}

interface Props {
  id: string;
  days: Day[];
  chosen: string;
  onPick(key: string): void;
  f: TimeFormats;
}

export function WeekStrip({ id, days, chosen, onPick, f }: Props) {
  const byKey = new Map(days.map((d) => [d.key, d]));
  const week = weekOf(chosen, f.locale);
  // The week before (after) with open days, opened on its first open day.
  const firstOpen = (around: Day | undefined) => {
    if (!around) return undefined;
    const keys = weekOf(around.key, f.locale);
    return days.find((d) => keys.includes(d.key));
  };
  const earlier = firstOpen([...days].reverse().find((d) => d.key < week[0]));
  const later = firstOpen(days.find((d) => d.key > week[6]));
  // Calendar days as such (noon UTC of that date), so a day without times still has its name.
  const name = (key: string) => `${key}T12:00:00Z`;
  return (
    <fieldset class="week">
      <legend>Choose a day</legend>
      <div class="week-nav">
        <button type="button" class="link" disabled={!earlier} onClick={() => earlier && onPick(earlier.key)}>
          <span aria-hidden="true">‹ </span>Previous<span class="sr"> week</span>
        </button>
        <span class="month" aria-hidden="true">
          {f.monthLabel(name(chosen), 'UTC')}
        </span>
        <button type="button" class="link" disabled={!later} onClick={() => later && onPick(later.key)}>
          Next<span class="sr"> week</span>
          <span aria-hidden="true"> ›</span>
        </button>
      </div>
      <div class="week-days">
        {week.map((key) => {
          const day = byKey.get(key);
          const n = day?.slots.length ?? 0;
          return (
            <label class={`weekday${day ? '' : ' closed'}`} key={key}>
              <input type="radio" name={id} value={key} checked={key === chosen} disabled={!day} onChange={() => onPick(key)} />
              <span class="wd">{f.weekday(name(key), 'UTC')}</span> <span class="dn">{f.dayOfMonth(name(key), 'UTC')}</span>
              <span class="sr">
                {' '}
                {f.month(name(key), 'UTC')}, {n === 0 ? 'no times' : n === 1 ? '1 time' : `${n} times`}
              </span>
              <span class="count" aria-hidden="true">
                {n || '–'}
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
