// Build plugin: embed.js carries only the style rules its first step can match; the rest of the widget's stylesheet
// goes to the later chunks (widget/laterStyles.ts), adopted by the shadow root when they arrive (widget/render.tsx).
// Where the stylesheet is whole (tests, mount.tsx), LATER_STYLES stays empty.
import { parseAst, type Plugin } from 'vite';

const PLACEHOLDER = '__DUET_LATER_STYLES__';

type Node = { type: string; start: number; end: number; [key: string]: any };

/** The top-level items of minified CSS: `prelude{body}` blocks and `@…;` statements, braces inside strings ignored. */
function items(css: string): { prelude: string; body?: string }[] {
  const out: { prelude: string; body?: string }[] = [];
  let i = 0;
  while (i < css.length) {
    let j = i;
    let quote = '';
    let depth = 0;
    let open = -1;
    for (; j < css.length; j++) {
      const ch = css[j];
      if (quote) {
        if (ch === '\\') j++;
        else if (ch === quote) quote = '';
        continue;
      }
      if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '{') {
        if (depth++ === 0) open = j;
      } else if (ch === '}') {
        if (--depth === 0) break;
      } else if (ch === ';' && depth === 0) break;
    }
    if (open < 0) out.push({ prelude: css.slice(i, j + 1).trim() });
    else out.push({ prelude: css.slice(i, open).trim(), body: css.slice(open + 1, j) });
    i = j + 1;
  }
  return out.filter((it) => it.prelude || it.body);
}

/** The selectors of a list, split on the commas outside parentheses (`:is(a, b)` stays one). */
function selectors(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let k = 0; k < list.length; k++) {
    if (list[k] === '(') depth++;
    else if (list[k] === ')') depth--;
    else if (list[k] === ',' && depth === 0) {
      parts.push(list.slice(from, k));
      from = k + 1;
    }
  }
  return [...parts, list.slice(from)];
}

/** A selector without its parenthesised arguments: a class inside :not(), :is() or :has() is not one it needs. */
function required(selector: string): string {
  let s = selector;
  for (let prev = ''; prev !== s;) [prev, s] = [s, s.replace(/\([^()]*\)/g, '')];
  return s;
}

/**
 * Splits a stylesheet in two, keeping each half in the original order: a rule moves to the later half when each of
 * its selectors needs a class that `uses` never mentions (so the first step cannot match it). Rules without a class
 * (`:host`, `h2`, `a`), at-rules other than @media, @container, @supports and @layer blocks, and anything unsure stay.
 * A later rule ends up after every first one: as today, a step's own rules come after the general ones they refine.
 */
export function splitStyles(css: string, uses: (className: string) => boolean): { first: string; later: string } {
  let first = '';
  let later = '';
  for (const it of items(css)) {
    if (it.body === undefined) {
      first += it.prelude;
      continue;
    }
    if (it.prelude.startsWith('@')) {
      if (/^@(media|container|supports|layer)\b/.test(it.prelude) && it.body.includes('{')) {
        const inner = splitStyles(it.body, uses);
        if (inner.first) first += `${it.prelude}{${inner.first}}`;
        if (inner.later) later += `${it.prelude}{${inner.later}}`;
      } else first += `${it.prelude}{${it.body}}`;
      continue;
    }
    const laterOnly = selectors(it.prelude).every((s) => [...required(s).matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)].some((m) => !uses(m[1])));
    if (laterOnly) later += `${it.prelude}{${it.body}}`;
    else first += `${it.prelude}{${it.body}}`;
  }
  return { first, later };
}

/** The string a module exports by default (vite's `?inline` CSS module is `export default "…"`). */
function defaultString(code: string): string | undefined {
  const ast = parseAst(code) as unknown as { body: Node[] };
  const d = ast.body.find((n) => n.type === 'ExportDefaultDeclaration')?.declaration;
  return d?.type === 'Literal' && typeof d.value === 'string' ? d.value : undefined;
}

/** The contents of every string literal and template piece in `code`. */
function stringsOf(code: string): string[] {
  const out: string[] = [];
  const stack: unknown[] = [parseAst(code, { lang: 'js' } as never)];
  while (stack.length) {
    const node = stack.pop() as Node | null;
    if (!node || typeof node !== 'object') continue;
    if (node.type === 'Literal' && typeof node.value === 'string') out.push(node.value);
    if (node.type === 'TemplateElement') out.push(node.value.cooked ?? node.value.raw);
    for (const v of Object.values(node)) if (v && typeof v === 'object') stack.push(...(Array.isArray(v) ? v : [v]));
  }
  return out;
}

/** Where in `code` the string literal with exactly this value is, if anywhere. */
function literalOf(code: string, value: string): Node | undefined {
  const stack: unknown[] = [parseAst(code)];
  while (stack.length) {
    const node = stack.pop() as Node | null;
    if (!node || typeof node !== 'object') continue;
    if (node.type === 'Literal' && node.value === value) return node;
    if (node.type === 'TemplateLiteral' && !node.expressions.length && node.quasis[0].value.cooked === value) return node;
    for (const v of Object.values(node)) if (v && typeof v === 'object') stack.push(...(Array.isArray(v) ? v : [v]));
  }
  return undefined;
}

/**
 * `entry` is embed.js's file name and `entryModule` its module (the build has other entries: embed/pageScripts.ts);
 * `laterModule` is the module whose LATER_STYLES the later half is written into.
 */
export function splitStylesPlugin(
  entry = 'embed.js',
  entryModule = /[\\/]embed[\\/]embed\.ts$/,
  laterModule = /[\\/]widget[\\/]laterStyles\.ts$/,
): Plugin {
  let sheets: { whole: string; first: string }[] = [];
  let later = '';
  return {
    name: 'duet-split-styles',
    apply: 'build',
    transform(code, id) {
      if (!laterModule.test(id)) return null;
      const next = code.replace(/(LATER_STYLES\s*=\s*)(""|''|``)/, `$1${JSON.stringify(PLACEHOLDER)}`);
      if (next === code) throw new Error(`duet: ${id} must declare LATER_STYLES = ''`);
      return { code: next, map: null };
    },
    renderStart() {
      // The first step: every module embed.js reaches through static imports.
      const root = [...this.getModuleIds()].find((id) => entryModule.test(id));
      const first = new Set<string>();
      const todo = root ? [root] : [];
      while (todo.length) {
        const id = todo.pop()!;
        if (first.has(id)) continue;
        first.add(id);
        todo.push(...(this.getModuleInfo(id)?.importedIds ?? []));
      }
      const css = [...first].filter((id) => /\.css\?inline$/.test(id));
      // Class names come from strings (`class="slot"`, `'day ' + x`): the words in the first step's string literals.
      const mentioned = new Set<string>();
      for (const id of first) {
        if (css.includes(id)) continue;
        for (const text of stringsOf(this.getModuleInfo(id)?.code ?? '')) for (const w of text.match(/[\w-]+/g) ?? []) mentioned.add(w);
      }
      const laterInFirst = [...first].some((id) => laterModule.test(id));
      sheets = [];
      later = '';
      for (const id of css) {
        const whole = defaultString(this.getModuleInfo(id)?.code ?? '');
        if (whole === undefined || laterInFirst) continue; // nothing to split, or nowhere to put the rest
        const half = splitStyles(whole, (c) => mentioned.has(c));
        sheets.push({ whole, first: half.first });
        later += half.later;
      }
    },
    renderChunk(code, chunk) {
      let out = code;
      if (chunk.fileName === entry) {
        for (const { whole, first } of sheets) {
          const at = literalOf(out, whole);
          if (!at) throw new Error('duet: the stylesheet is not where the build expected it in embed.js');
          out = out.slice(0, at.start) + JSON.stringify(first) + out.slice(at.end);
        }
      }
      out = out.replaceAll(JSON.stringify(PLACEHOLDER), JSON.stringify(later)).replaceAll(`'${PLACEHOLDER}'`, JSON.stringify(later));
      return out === code ? null : { code: out, map: null };
    },
  };
}
