// The /embed page made live (dist/embed-builder.js, a module served as a file: the page allows no inline script).
// Each choice rewrites the snippets and the preview at once, from the same functions the server rendered them with;
// the copy buttons; and "may my site book?" asked of GET /api/origin-check.
import type { OriginCheck } from '../../core/api.ts';
import { embedLine, originVerdict, previewPath, readEmbedChoice, siteOrigin, targetProblem, wrapperHtml } from '../../core/embedSnippet.ts';

const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

const main = byId('builder');
const server = main.dataset.server ?? location.origin;
const accent = byId<HTMLInputElement>('accent');
const locale = byId<HTMLSelectElement>('locale');
const target = byId<HTMLInputElement>('target');
const preview = byId<HTMLIFrameElement>('preview');

const choice = () => readEmbedChoice({ accent: accent.value, locale: locale.value, target: target.value });

let previewTimer: ReturnType<typeof setTimeout> | undefined;

/** Shows `path` in the preview without adding a step to the browser's history for every colour dragged through. */
function showPreview(path: string) {
  const frame = preview.contentWindow;
  try {
    if (frame && frame.location.pathname + frame.location.search === path) return;
    if (frame) return frame.location.replace(path);
  } catch {
    /* not loaded yet: set the address instead */
  }
  preview.src = path;
}

function update() {
  const problem = targetProblem(target.value);
  byId('target-error').textContent = problem;
  if (problem) target.setAttribute('aria-invalid', 'true');
  else target.removeAttribute('aria-invalid');
  const chosen = choice();
  byId('out-line').textContent = embedLine(server, chosen);
  byId('out-wrapper').textContent = wrapperHtml(server, chosen);
  const path = previewPath(chosen);
  // The address keeps the choices, so a reload or a shared link shows the same.
  history.replaceState(null, '', path.replace('/embed/preview', '/embed'));
  clearTimeout(previewTimer);
  previewTimer = setTimeout(() => showPreview(path), 250);
}

for (const field of [accent, locale, target]) {
  field.addEventListener('input', update);
  field.addEventListener('change', update);
}
const choices = byId<HTMLFormElement>('choices');
choices.addEventListener('submit', (e) => {
  e.preventDefault();
  update();
});
// Without this script the Show button applies the choices; with it, every change applies at once.
choices.querySelector<HTMLElement>('.apply')!.hidden = true;

// Copy buttons: each names the <code> it copies; the status beside it says what happened.
async function copy(button: HTMLButtonElement) {
  const code = byId(button.dataset.copy!);
  const status = button.nextElementSibling as HTMLElement;
  // Only the latest copy says so: a column of "Copied." would not tell which one is on the clipboard.
  for (const other of document.querySelectorAll<HTMLElement>('.copied')) other.textContent = '';
  try {
    await navigator.clipboard.writeText(code.textContent ?? '');
    status.textContent = 'Copied.';
  } catch {
    // No clipboard (an old browser, a denied permission): select the text for the person to copy.
    getSelection()?.selectAllChildren(code);
    status.textContent = 'Selected: press Ctrl+C (⌘C on a Mac) to copy.';
  }
}
document.addEventListener('click', (e) => {
  const button = (e.target as Element | null)?.closest?.<HTMLButtonElement>('button[data-copy]');
  if (button) void copy(button);
});
for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-copy]')) button.hidden = false;

function paragraph(text: string, className?: string): HTMLParagraphElement {
  const p = document.createElement('p');
  p.textContent = text;
  if (className) p.className = className;
  return p;
}

/** The answer as the server renders it without JavaScript (server/routes/embedBuilderPage.ts, siteAnswer). */
function answerNodes(check: OriginCheck): Node[] {
  const verdict = originVerdict(check);
  if (check.allowed) return [paragraph(verdict.says, 'ok')];
  const pre = document.createElement('pre');
  const code = pre.appendChild(document.createElement('code'));
  code.id = 'out-origin';
  code.textContent = check.line;
  const row = paragraph('', 'copy');
  const button = row.appendChild(document.createElement('button'));
  Object.assign(button, { type: 'button', className: 'secondary', textContent: 'Copy the config line' });
  button.dataset.copy = 'out-origin';
  const status = row.appendChild(document.createElement('span'));
  status.className = 'copied';
  status.setAttribute('role', 'status');
  return [paragraph(verdict.says, 'no'), paragraph(verdict.then ?? ''), pre, row];
}

const site = byId<HTMLInputElement>('site');
const answer = byId('site-answer');
let asked = 0;
byId<HTMLFormElement>('site-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const mine = ++asked;
  const origin = siteOrigin(site.value);
  if (!origin) {
    site.setAttribute('aria-invalid', 'true');
    answer.replaceChildren(paragraph('That is not a web address: write it as https://www.example.org.', 'no'));
    return;
  }
  site.removeAttribute('aria-invalid');
  answer.replaceChildren(paragraph(`Checking ${origin}…`));
  try {
    const r = await fetch(`/api/origin-check?origin=${encodeURIComponent(origin)}`, { credentials: 'omit' });
    if (!r.ok) throw new Error(String(r.status));
    const check = (await r.json()) as OriginCheck;
    if (mine === asked) answer.replaceChildren(...answerNodes(check));
  } catch {
    if (mine === asked) answer.replaceChildren(paragraph('The check did not answer. Please try again in a moment.', 'no'));
  }
});
