// Manage mode's chunk (the /manage page only): its view, and the style rules it shares with the later steps.
export { mountManage } from './manage/mountManage.tsx';
export { LATER_STYLES } from './laterStyles.ts';
