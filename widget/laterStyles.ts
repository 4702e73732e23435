// The widget's style rules that only the later steps (and manage mode) use. Empty here: styles.css is whole in the
// tests and in mount.tsx; the embed's build (embed/splitStyles.ts) moves those rules out of embed.js into this string.
export const LATER_STYLES: string = '';
