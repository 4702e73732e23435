// Everything after the first step: the other steps, the confirmation and the schema checks (valibot).
// The embed loads this as its own chunk right after the first step renders; `mount.tsx` links it in at once.
export { Agreements } from './steps/Agreements.tsx';
export { Confirmation } from './steps/Confirmation.tsx';
export { Focus } from './steps/Focus.tsx';
export { People } from './steps/People.tsx';
export { Review } from './steps/Review.tsx';
export { Sponsor } from './steps/Sponsor.tsx';
export { Time } from './steps/Time.tsx';
export { checkRequest, validateStep } from './validate.ts';
