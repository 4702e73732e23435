// Manage mode's chunk (the /manage page only): its view, and the style rules it shares with the later steps.
import '@preact/signals'; // the Preact integration: manage mode's components follow the signals they read
export { mountManage } from './manage/mountManage.tsx';
export { LATER_STYLES } from './laterStyles.ts';
