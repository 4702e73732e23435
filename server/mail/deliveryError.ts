// What a failed delivery means: a permanent refusal (a 5xx at RCPT or DATA) is given up at once, anything else is
// temporary and tried again. Only codes are kept, never the server's words, which may quote the address.

export type DeliveryFailure = { permanent: boolean; code: string };

interface SmtpError {
  code?: unknown;
  responseCode?: unknown;
  command?: unknown;
  rejectedErrors?: unknown;
}

/** The commands at which a 5xx refuses this message or recipient (a 5xx elsewhere, such as 535 at AUTH, is ours to fix). */
const PER_MESSAGE = new Set(['RCPT TO', 'DATA']);

/** Classifies what nodemailer threw (or a transport's own error) for the outbox. */
export function deliveryFailure(e: unknown): DeliveryFailure {
  const err = (e ?? {}) as SmtpError;
  const first = Array.isArray(err.rejectedErrors) ? (err.rejectedErrors[0] as SmtpError | undefined) : undefined;
  const reply =
    typeof err.responseCode === 'number' ? err.responseCode : typeof first?.responseCode === 'number' ? first.responseCode : undefined;
  const command = typeof err.command === 'string' ? err.command : typeof first?.command === 'string' ? first.command : undefined;
  const name = typeof err.code === 'string' && /^[A-Z0-9_]{1,32}$/.test(err.code) ? err.code : 'error';
  const code = `${name}${reply !== undefined ? ` ${reply}` : ''}`;
  return { permanent: reply !== undefined && reply >= 500 && reply < 600 && command !== undefined && PER_MESSAGE.has(command), code };
}
