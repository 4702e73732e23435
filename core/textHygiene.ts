// The characters a typed answer may hold: no control characters anywhere (free text keeps line breaks and tabs),
// and no invisible or direction-changing characters in names, which reach mail subjects and calendar titles.
import * as v from 'valibot';

/** Control characters other than newline and tab (C0, DEL, C1) and lone surrogates. */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\p{Cs}]/u;
/** Bidirectional embeddings, overrides and isolates, and zero-width spaces, joiners and the BOM. */
const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200B-\u200D\uFEFF]/u;

const lineMessage = 'quotes and control characters are not allowed';
const isLine = (s: string) => !s.includes('"') && !/[\n\t]/.test(s) && !CONTROL.test(s);

/** One line of text: no quotes (ical-generator writes them into CN parameters invalidly) and no control characters. */
export const SafeLine = (max: number) =>
  v.pipe(v.string(), v.trim(), v.maxLength(max, `at most ${max} characters`), v.check(isLine, lineMessage));

/**
 * A name (a person's or a sponsor's): one line, and nothing that hides or reverses what follows it. Checked
 * before trimming, since trim() would quietly drop a leading byte-order mark.
 */
export const NameLine = (max: number) =>
  v.pipe(v.string(), v.check((s) => !INVISIBLE.test(s), 'invisible or direction-changing characters are not allowed'),
    v.trim(), v.maxLength(max, `at most ${max} characters`), v.check(isLine, lineMessage));

/** Free text over several lines: CRLF and CR become newlines; newlines and tabs stay, other control characters are refused. */
export const FreeText = (max: number, tooLong = `at most ${max} characters`) =>
  v.pipe(v.string(), v.transform((s) => s.replace(/\r\n?/g, '\n')), v.trim(), v.maxLength(max, tooLong),
    v.check((s) => !CONTROL.test(s), 'control characters are not allowed'));
