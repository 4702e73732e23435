// "Add to Google Calendar" and "Add to Outlook" for the booked call: links that open each calendar's new-event page
// filled in. They carry the title and the time only: the video link and the manage link stay in the invitation.

const compact = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d+/, '');

export function googleCalendarUrl(title: string, start: string, end: string, details: string): string {
  const q = new URLSearchParams({ action: 'TEMPLATE', text: title, dates: `${compact(start)}/${compact(end)}`, details });
  return `https://calendar.google.com/calendar/render?${q}`;
}

export function outlookUrl(title: string, start: string, end: string, details: string): string {
  const q = new URLSearchParams({
    path: '/calendar/action/compose',
    rru: 'addevent',
    subject: title,
    startdt: start,
    enddt: end,
    body: details,
  });
  return `https://outlook.office.com/calendar/deeplink/compose?${q}`;
}
