// What a person reads when a request fails for no reason of theirs, for the booking and the manage page alike.

export function failureMessage(status: number | 'offline', email: string | undefined, kept = true): string {
  const answers = kept ? ' Your answers are kept.' : '';
  const write = email ? ` If it keeps happening, please write to ${email}.` : '';
  if (status === 'offline') return `We could not reach the booking service. Check your connection and try again.${answers}`;
  if (status === 429) return `There have been too many attempts from here. Please wait a minute and try again.${answers}`;
  if (status === 403) return `This page may not book calls.${email ? ` Please write to ${email} to book your call.` : ''}`;
  return `Something went wrong on our side. Please try again in a moment.${answers}${write}`;
}
