// The sign-in pages of /coach: ask for a link, "check your mail" (the same for every address), the link's own page
// (which only shows a button: opening a link changes nothing), and a link that no longer works.
import type { Config } from '../../core/config.ts';
import { escapeHtml } from '../mail/mailBody.ts';
import { coachPage } from './coachLayout.ts';
import { LINK_MINUTES } from './signInMail.ts';
import type { Viewer } from './viewer.ts';

const askForm = (error?: string, value = '') => `
    <form method="post" action="/coach/link" novalidate>
      <label for="email">Your email address</label>
      <p id="email-hint" class="muted">The address the practice knows you by. We send a link that signs you in once, within ${LINK_MINUTES} minutes; no password.</p>
      ${error ? `<p id="email-error" class="error" role="alert">${escapeHtml(error)}</p>` : ''}
      <input id="email" name="email" type="email" autocomplete="email" required maxlength="254" value="${escapeHtml(value)}"
        aria-describedby="email-hint${error ? ' email-error' : ''}"${error ? ' aria-invalid="true"' : ''}>
      <div><button type="submit">Send me a sign-in link</button></div>
    </form>`;

export function signInPage(config: Config, error?: string, value?: string): string {
  return coachPage(config, {
    title: "Coaches' sign-in",
    body: `    <p>The coaches and the administrators of ${escapeHtml(config.practice.name)} see their calls here.</p>${askForm(error, value)}`,
  });
}

/** The same page, byte for byte, whatever address was given: it does not even repeat it. */
export function linkSentPage(config: Config): string {
  return coachPage(config, {
    title: 'Check your mail',
    body: `    <p role="status">If that address belongs to a coach or an administrator of ${escapeHtml(config.practice.name)}, a sign-in link is on its way to it.
      It works once, within ${LINK_MINUTES} minutes.</p>
    <p class="muted">Nothing came? Check the address and your spam folder, then <a href="/coach">ask again</a>.</p>`,
  });
}

/** What the link opens: a button, so that a mail scanner opening the link uses nothing up. */
export function linkPage(config: Config, token: string): string {
  return coachPage(config, {
    title: `Sign in to ${config.practice.name}'s coaches' page`,
    body: `    <form method="post" action="/coach/session">
      <input type="hidden" name="token" value="${escapeHtml(token)}">
      <p>This link signs you in once, in this browser, for 12 hours.</p>
      <button type="submit">Sign in</button>
    </form>`,
  });
}

export function linkRefusedPage(config: Config): string {
  return coachPage(config, {
    title: 'This sign-in link no longer works',
    body: `    <p role="alert">A sign-in link works once, within ${LINK_MINUTES} minutes of being asked for. Ask for a new one below.</p>${askForm()}`,
  });
}

export function messagePage(config: Config, title: string, text: string, viewer?: Viewer): string {
  return coachPage(config, {
    title,
    viewer,
    body: `    <p role="alert">${escapeHtml(text)}</p>\n    <p><a href="/coach">Back to the coaches' page</a></p>`,
  });
}
