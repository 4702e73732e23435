// Above the times: whose clocks they are shown in, a way to change either zone right there, and the 12/24-hour switch.
import type { SlotChoice } from './slotChoice.ts';
import { ZoneField } from '../zones/ZoneField.tsx';

export function ZonesBar({ choice }: { choice: SlotChoice }) {
  const people = choice.people.value;
  const hour12 = choice.hour12.value;
  const clocks = [
    { value: true, label: '12-hour' },
    { value: false, label: '24-hour' },
  ];
  return (
    <div class="zones">
      {people.map((p, i) => (
        <ZoneField
          key={i}
          compact
          id={choice.id(`zone-${i}`)}
          label={`${p.name}’s time zone`}
          compactLabel={
            <>
              {p.name}
              <span class="sr">’s time zone</span>
            </>
          }
          zone={p.timeZone}
          other={people[1 - i].timeZone}
          onChange={(z) => choice.setZone(i as 0 | 1, z)}
        />
      ))}
      <fieldset class="clock">
        <legend>Clock</legend>
        {clocks.map((c) => (
          <label class="choice" key={c.label}>
            <input
              type="radio"
              name={choice.id('clock')}
              checked={hour12 === c.value}
              onChange={() => {
                choice.hour12.value = c.value;
              }}
            />
            <span>{c.label}</span>
          </label>
        ))}
      </fieldset>
    </div>
  );
}
