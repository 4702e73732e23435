// Everything after the first step: the other steps, the confirmation, the schema checks (valibot) and their styles.
// The embed loads this as its own chunk when the page is idle after the first render; `mount.tsx` links it in at once.
export { Agreements } from './steps/Agreements.tsx';
export { Confirmation } from './steps/Confirmation.tsx';
export { Focus } from './steps/Focus.tsx';
export { People } from './steps/People.tsx';
export { Review } from './steps/Review.tsx';
export { Sponsor } from './steps/Sponsor.tsx';
export { Time } from './steps/Time.tsx';
export { checkRequest, validateStep } from './validate.ts';
export { LATER_STYLES } from './laterStyles.ts';
