// What the widget says instead of the form when the server refuses this page's origin (GET /api/config), and what
// the site editor reads in the console, in the later code: both come with the config's answer, after the first render.
import type { PublicConfig } from '../core/api.ts';

/** The site editor reads this; the visitor reads the message in the widget. */
export function explainRefusal(origin: NonNullable<PublicConfig['origin']> & { allowed: false }) {
  const line = 'line' in origin ? ` In "practice": ${origin.line}` : '';
  console.error(
    `Duet: this page may not book calls. Add "${origin.origin ?? location.origin}" to practice.allowedOrigins in the Duet configuration.${line}`,
  );
}
/** This page's origin may not book (GET /api/config said so): say it before anyone types, with another way. */
export function Refused({ email }: { email?: string }) {
  return (
    <section class="step" aria-labelledby="duet-refused">
      <h2 id="duet-refused">Booking is not open on this page</h2>
      <p>This page is not set up to book discovery calls yet, so nothing you enter here could be sent.</p>
      <p>
        {email ? (
          <>
            To book your call, please write to <a href={`mailto:${email}`}>{email}</a> and we will find a time with you.
          </>
        ) : (
          'To book your call, please get in touch with the practice directly.'
        )}
      </p>
    </section>
  );
}
