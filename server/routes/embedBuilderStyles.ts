// The look of the /embed builder and of its preview page: each one <style>, allowed by its hash (pagePolicy.ts).
import { WRAPPER_CSS } from '../../core/embedSnippet.ts';

export const BUILDER_CSS = `
    body { margin: 0; background: #f6f7f9; color: #1f2328; font: 1rem/1.5 system-ui, sans-serif; }
    main { max-width: 52rem; margin: 0 auto; padding: 2rem 1rem 3rem; }
    h1 { margin: 0 0 .5rem; font-size: 1.75rem; line-height: 1.25; }
    h2 { margin: 2.25rem 0 .5rem; font-size: 1.25rem; }
    h3 { margin: 1.5rem 0 .25rem; font-size: 1rem; }
    p { margin: .5rem 0; }
    a { color: #1d4ed8; }
    code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
    fieldset { margin: 1rem 0 0; padding: 1rem; border: 1px solid #d0d5dd; border-radius: .5rem; background: #fff; }
    legend { padding: 0 .25rem; font-weight: 600; }
    .field { margin: 0 0 1rem; }
    .field > label { display: block; margin-bottom: .25rem; font-weight: 600; }
    .hint { margin: .25rem 0 0; color: #4a5260; font-size: .875rem; }
    .error { margin: .25rem 0 0; color: #b42318; font-size: .875rem; }
    .error:empty { display: none; }
    input[type=text], select { box-sizing: border-box; width: 100%; max-width: 26rem; padding: .5rem .625rem;
      border: 1px solid #667085; border-radius: .375rem; background: #fff; color: inherit; font: inherit; }
    input[type=color] { width: 3.5rem; height: 2.5rem; padding: .125rem; border: 1px solid #667085; border-radius: .375rem; background: #fff; }
    input[aria-invalid=true] { border-color: #b42318; }
    button { padding: .5rem 1rem; border: 1px solid #1d4ed8; border-radius: .375rem; background: #1d4ed8; color: #fff; font: inherit; cursor: pointer; }
    button.secondary { background: #fff; color: #1d4ed8; }
    :focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
    .apply { margin: 0; }
    .copy { display: flex; gap: .75rem; align-items: center; margin: 0 0 1rem; }
    .copied { color: #067647; font-size: .875rem; }
    pre { margin: .5rem 0; padding: .75rem 1rem; border-radius: .5rem; background: #101828; color: #f2f4f7;
      font-size: .875rem; white-space: pre-wrap; overflow-wrap: anywhere; }
    .widths { display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; margin: .75rem 0; padding: .5rem 1rem; }
    .widths label { display: inline-flex; gap: .375rem; align-items: center; }
    .frame { border: 1px solid #d0d5dd; border-radius: .5rem; background: #fff; overflow: hidden; }
    .frame iframe { display: block; width: 100%; height: 62rem; margin: 0 auto; border: 0; }
    .preview:has(#width-phone:checked) .frame iframe { width: 390px; max-width: 100%; border-inline: 1px solid #d0d5dd; }
    .ok, .no { padding: .5rem .75rem; border-radius: .375rem; }
    .ok { background: #ecfdf3; color: #05603a; }
    .no { background: #fef3f2; color: #912018; }
    /* On a phone the preview is as wide as the phone already. */
    @media (max-width: 30rem) { main { padding: 1.25rem .75rem 2rem; } h1 { font-size: 1.5rem; } .widths { display: none; } }
  `;

// A bare page around the snippet, as a plain site would show it: the wrapper's rules are the site's stylesheet.
export const PREVIEW_CSS = `
    body { margin: 0; padding: 1rem; background: #fff; color: #1f2328; font: 1rem/1.5 system-ui, sans-serif; }
    ${WRAPPER_CSS}
  `;
