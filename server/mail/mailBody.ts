// A mail body as a few plain blocks, rendered once as text and once as HTML so the two never disagree.
// All text is raw user or practice text: the HTML renderer escapes every character that could open markup.

export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'para'; text: string }
  /** Multi-line free text (an intake answer): kept as the person wrote it, line breaks included. */
  | { kind: 'quote'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'fields'; rows: FieldRow[] }
  | { kind: 'link'; label: string; url: string };

/** A labelled value; `'link'` marks a web address the HTML makes a link of (the call's video link), never user text. */
export type FieldRow = [label: string, value: string, kind?: 'link'];

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

const lines = (text: string) => escapeHtml(text).replace(/\r\n?|\n/g, '<br>\n');

/** Only web links become anchors; anything else is shown as text. */
const safeUrl = (url: string) => /^https?:\/\//i.test(url);

export function renderText(blocks: readonly Block[]): string {
  const parts = blocks.map((b) => {
    switch (b.kind) {
      case 'heading':
        return b.text;
      case 'para':
        return b.text;
      case 'quote':
        return b.text
          .split(/\r\n?|\n/)
          .map((l) => `  ${l}`)
          .join('\n');
      case 'list':
        return b.items.map((i) => `- ${i}`).join('\n');
      case 'fields':
        return b.rows.map(([k, v]) => `${k}: ${v}`).join('\n');
      case 'link':
        return `${b.label}:\n${b.url}`;
    }
  });
  return parts.join('\n\n') + '\n';
}

const P = 'margin:0 0 14px 0';

export function renderHtml(blocks: readonly Block[], title: string): string {
  const body = blocks
    .map((b) => {
      switch (b.kind) {
        case 'heading':
          return `<h2 style="font-size:16px;margin:22px 0 8px 0">${escapeHtml(b.text)}</h2>`;
        case 'para':
          return `<p style="${P}">${lines(b.text)}</p>`;
        case 'quote':
          return `<blockquote style="${P};padding:4px 12px;border-left:3px solid #ccc">${lines(b.text)}</blockquote>`;
        case 'list':
          return `<ul style="${P}">${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
        case 'fields':
          return `<table role="presentation" style="${P};border-collapse:collapse">${b.rows
            .map(
              ([k, v, kind]) =>
                `<tr><th scope="row" style="text-align:left;vertical-align:top;padding:2px 12px 2px 0;font-weight:600">${escapeHtml(k)}</th>` +
                `<td style="padding:2px 0">${kind === 'link' && safeUrl(v) ? `<a href="${escapeHtml(v)}">${escapeHtml(v)}</a>` : lines(v)}</td></tr>`,
            )
            .join('')}</table>`;
        case 'link':
          return safeUrl(b.url)
            ? `<p style="${P}"><a href="${escapeHtml(b.url)}">${escapeHtml(b.label)}</a></p>`
            : `<p style="${P}">${escapeHtml(b.label)}: ${escapeHtml(b.url)}</p>`;
      }
    })
    .join('\n');
  return (
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n` +
    `<body style="font-family:system-ui,-apple-system,'Segoe UI',sans-serif;font-size:15px;line-height:1.5;color:#222;max-width:640px">\n${body}\n</body></html>\n`
  );
}
