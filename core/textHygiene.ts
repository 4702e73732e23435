// The characters a typed answer may hold: no control characters anywhere (free text keeps line breaks and tabs),
// and no invisible or direction-changing characters in names, which reach mail subjects and calendar titles.
import * as v from 'valibot';

/** Control characters other than newline and tab (C0, DEL, C1) and lone surrogates. */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\p{Cs}]/u;
/** Bidirectional embeddings, overrides and isolates, and zero-width spaces, joiners and the BOM. */
const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200B-\u200D\uFEFF]/u;

const lineMessage = 'leave out quotation marks, line breaks and other special characters';
const isLine = (s: string) => !s.includes('"') && !/[\n\t]/.test(s) && !CONTROL.test(s);
const atMost = (max: number) => `use at most ${max} characters`;

/** One line of text: no quotes (ical-generator writes them into CN parameters invalidly) and no control characters. */
export const SafeLine = (max: number, missing?: string) =>
  v.pipe(v.string(missing), v.trim(), v.maxLength(max, atMost(max)), v.check(isLine, lineMessage));

/**
 * A name (a person's or a sponsor's): one line, and nothing that hides or reverses what follows it. Checked
 * before trimming, since trim() would quietly drop a leading byte-order mark.
 */
export const NameLine = (max: number, missing?: string) =>
  v.pipe(
    v.string(missing),
    v.check((s) => !INVISIBLE.test(s), 'leave out invisible or direction-changing characters'),
    v.trim(),
    v.maxLength(max, atMost(max)),
    v.check(isLine, lineMessage),
  );

/** Free text over several lines: CRLF and CR become newlines; newlines and tabs stay, other control characters are refused. */
export const FreeText = (max: number, missing?: string) =>
  v.pipe(
    v.string(missing),
    v.transform((s) => s.replace(/\r\n?/g, '\n')),
    v.trim(),
    v.maxLength(max, atMost(max)),
    v.check((s) => !CONTROL.test(s), 'remove the hidden special characters from this answer'),
  );
