// Build plugin: turns the ES-module build into what a site's plain `<script src async>` can run. embed.js becomes one
// classic script (the loader, Preact, signals, the store and the first step); the later, hashed ES chunks read the
// bindings they share with it from one page-wide registry instead of importing embed.js (a module copy would run twice).
import { createHash } from 'node:crypto';
import { posix, relative } from 'node:path';
import { parseAst, type Plugin } from 'vite';

/** The page-wide registry: `globalThis.__duet[buildId]` holds the bindings embed.js shares with its chunks. */
const REGISTRY = '__duet';
const REGISTRY_VAR = '__duetRegistry';
const BASE_VAR = '__duetBase';
/** This script's address (a tag manager may insert it so that currentScript is null: then the tag it mounts). */
const BASE = '(document.currentScript||document.querySelector("script[data-duet]:not([data-duet-mounted])")||{}).src||document.baseURI';

type Node = { type: string; start: number; end: number; [key: string]: any };

const nameOf = (n: { name?: string; value?: string }) => String(n.name ?? n.value);

/** Every node of an ESTree program, depth first. */
function* walk(node: unknown): Generator<Node> {
  if (Array.isArray(node)) for (const n of node) yield* walk(n);
  else if (node && typeof node === 'object') {
    if (typeof (node as Node).type === 'string') yield node as Node;
    for (const [k, v] of Object.entries(node)) if (k !== 'type' && v && typeof v === 'object') yield* walk(v);
  }
}

/** Cuts `[start, end)` ranges out of `code` and puts `with` in their place, last first so offsets stay valid. */
function splice(code: string, cuts: { start: number; end: number; with: string }[]): string {
  for (const cut of [...cuts].sort((a, b) => b.start - a.start)) code = code.slice(0, cut.start) + cut.with + code.slice(cut.end);
  return code;
}

/**
 * The entry, once minified: its ES `export { x as a, … }` becomes this build's entry in the registry, and the whole is
 * wrapped in a strict function of its own. A second run (two tags on one page) finds that entry and, before any of
 * its own code runs, mounts its tag with the first copy.
 */
function classicEntry(code: string, key: string): string {
  const ast = parseAst(code) as unknown as { body: Node[] };
  const shared: string[] = [];
  const cuts: { start: number; end: number; with: string }[] = [];
  for (const node of ast.body) {
    if (node.type === 'ExportNamedDeclaration' && !node.source && !node.declaration) {
      for (const s of node.specifiers) shared.push(`${JSON.stringify(nameOf(s.exported))}:${nameOf(s.local)}`);
      cuts.push({ start: node.start, end: node.end, with: '' });
    } else if (/^(Import|Export)/.test(node.type)) {
      throw new Error(`duet: embed.js must be a classic script, but the build left this in it: ${code.slice(node.start, node.end)}`);
    }
  }
  // A cross-origin classic script's base URL is about:blank (HTML: "muted errors"), so import("./chunks/…") would
  // resolve to nothing: each chunk is asked for by its full address, from this script's own.
  for (const node of walk(ast.body)) {
    if (node.type === 'MetaProperty') throw new Error('duet: embed.js must not use import.meta (a classic script has none)');
    if (node.type !== 'ImportExpression') continue;
    const source = node.source as Node & { value?: unknown; quasis?: { value: { cooked: string } }[]; expressions?: unknown[] };
    const path =
      source.type === 'Literal'
        ? source.value
        : source.type === 'TemplateLiteral' && !source.expressions?.length
          ? source.quasis?.[0].value.cooked
          : undefined;
    if (typeof path !== 'string' || !path.startsWith('./')) {
      throw new Error(`duet: embed.js may only import() its own chunks by name: ${code.slice(node.start, node.end)}`);
    }
    cuts.push({ start: source.start, end: source.end, with: `new URL(${JSON.stringify(path)},${BASE_VAR}).href` });
  }
  if (!shared.some((s) => s.startsWith('"boot":'))) throw new Error('duet: embed/embed.ts must export boot()');
  const at = `${REGISTRY_VAR}[${JSON.stringify(key)}]`;
  // The build's code runs in a function of its own, so no name of it can shadow the registry's or the base's.
  return (
    `(function(){"use strict";var ${REGISTRY_VAR}=globalThis.${REGISTRY}||(globalThis.${REGISTRY}={});` +
    `if(${at}){${at}.boot();return}var ${BASE_VAR}=${BASE};` +
    `${at}=(function(){\n${splice(code, cuts).trim()}\nreturn{${shared.join(',')}}})()})();\n`
  );
}

/** A later chunk: `import { a as x } from "../embed.js"` becomes `const { a: x } = globalThis.__duet[buildId]`. */
function chunkReadingRegistry(code: string, entryPath: string, key: string): string {
  const ast = parseAst(code) as unknown as { body: Node[] };
  const cuts: { start: number; end: number; with: string }[] = [];
  const from = `globalThis.${REGISTRY}[${JSON.stringify(key)}]`;
  for (const node of ast.body) {
    if (node.type !== 'ImportDeclaration' || node.source.value !== entryPath) {
      if ((node.type === 'ExportAllDeclaration' || node.type === 'ExportNamedDeclaration') && node.source?.value === entryPath) {
        throw new Error('duet: a chunk re-exports from embed.js, which a classic script cannot provide');
      }
      continue;
    }
    const names: string[] = [];
    let whole: string | undefined;
    for (const s of node.specifiers) {
      if (s.type === 'ImportSpecifier') names.push(`${JSON.stringify(nameOf(s.imported))}:${nameOf(s.local)}`);
      else if (s.type === 'ImportDefaultSpecifier') names.push(`default:${nameOf(s.local)}`);
      else whole = nameOf(s.local);
    }
    const parts = [names.length ? `const{${names.join(',')}}=${from};` : '', whole ? `const ${whole}=${from};` : ''];
    cuts.push({ start: node.start, end: node.end, with: parts.join('') });
  }
  return cuts.length ? splice(code, cuts) : code;
}

/**
 * `entry` is the entry chunk's file name (embed.js). Runs in renderChunk, before the hashes are taken, so a chunk's
 * name changes whenever what it expects from embed.js does, and a year-cached chunk always fits the embed.js that names it.
 */
export function classicEmbed(entry = 'embed.js', root = process.cwd()): Plugin {
  let key = '';
  return {
    name: 'duet-classic-embed',
    renderStart() {
      // One key per build (what its modules are), so two different Duet builds on one page never share bindings.
      const hash = createHash('sha256');
      for (const id of [...this.getModuleIds()].sort()) {
        hash
          .update(relative(root, id))
          .update('\0')
          .update(this.getModuleInfo(id)?.code ?? '')
          .update('\0');
      }
      key = hash.digest('hex').slice(0, 10);
    },
    renderChunk(code, chunk) {
      if (chunk.fileName === entry) return null; // rewritten after minification, in generateBundle
      let path = posix.relative(posix.dirname(chunk.fileName), entry);
      if (!path.startsWith('.')) path = `./${path}`;
      return { code: chunkReadingRegistry(code, path, key), map: null };
    },
    generateBundle(_, bundle) {
      const file = bundle[entry];
      if (file?.type !== 'chunk') throw new Error(`duet: the build must produce ${entry}`);
      file.code = classicEntry(file.code, key);
    },
  };
}
