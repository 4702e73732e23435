// Step 2: both people, each with a name, an email, a role and the time zone they will read times in.
import { TextField } from '../fields.tsx';
import { useStore } from '../store.ts';
import { knownZones } from '../timeFormat.ts';

function Person({ index, legend }: { index: 0 | 1; legend: string }) {
  const s = useStore();
  const p = `people.${index}`;
  return (
    <fieldset class="person">
      <legend>{legend}</legend>
      <TextField name={`${p}.name`} label="Name" autoComplete={index ? 'off' : 'name'} />
      <TextField name={`${p}.email`} label="Email" type="email" autoComplete={index ? 'off' : 'email'} />
      <TextField name={`${p}.role`} label="Role" optional autoComplete={index ? 'off' : 'organization-title'} />
      <TextField name={`${p}.timeZone`} label="Time zone" list={s.id('zones')} autoComplete="off"
        hint="Type to search, for example Europe/London or America/New_York."
        onBlur={(value) => s.normaliseZone(`${p}.timeZone`, value)} />
    </fieldset>
  );
}

export function People() {
  const s = useStore();
  return (
    <>
      <p class="intro">The invitation goes to both of you, so each of you needs your own email address.</p>
      <Person index={0} legend="Person one" />
      <Person index={1} legend="Person two" />
      <datalist id={s.id('zones')}>
        {knownZones().map((z) => <option key={z} value={z} />)}
      </datalist>
    </>
  );
}
