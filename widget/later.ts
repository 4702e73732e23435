// Everything after the first step: the other steps, the review's summaries, the confirmation, the schema checks
// (valibot), sending the booking, and their styles. The embed loads this as its own chunk when the page is idle
// after the first render; `mount.tsx` links it in at once.
// @preact/signals' Preact integration, from here on: each component re-renders on the signals it reads (the first
// step, until then, through render.tsx's one effect). Evaluated before any later step renders.
import '@preact/signals';
export { Agreements } from './steps/Agreements.tsx';
export { Focus } from './steps/Focus.tsx';
export { Partnership } from './steps/Partnership.tsx';
export { Review } from './steps/Review.tsx';
export { Sponsor } from './steps/Sponsor.tsx';
export { showErrors } from './steps/showErrors.ts';
export { summaries } from './steps/summaries.tsx';
export { Time } from './steps/Time.tsx';
export { bookingSlots, refreshSlots } from './booking/bookingSlots.ts';
export { submitBooking } from './booking/submitBooking.ts';
export { checkRequest, validateStep } from './validate.ts';
export { prefersHour12 } from './hourCycle.ts';
export { preselect } from './preselect.ts';
export { Booked } from './Booked.tsx';
export { explainRefusal, Refused } from './RefusedOrigin.tsx';
export { StepNav } from './StepNav.tsx';
export { browserZone, zoneLabel } from './zones/zoneName.ts';
export { LATER_STYLES } from './laterStyles.ts';
