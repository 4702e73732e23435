// Every message about an answer that a person may read, beside the field or in a 422, written out by hand: the
// oracle of the tests that drive each field through each way it can be refused.
export const WRITTEN = new Set([
  'fill in the form', 'choose a time for the call', 'expected an ISO 8601 time such as 2026-12-01T15:00:00Z',
  'say how you work together and what is happening now', 'choose how you work together', 'say how you work together',
  'enter the organization, or leave it empty', 'tell us briefly what is happening now',
  'enter both people', 'enter a name, an email address and a time zone', 'enter a name', 'enter an email address',
  'enter a valid email address', 'enter a role, or leave it empty', 'choose a time zone', 'choose a time zone from the list',
  'the two of you need different email addresses',
  'choose a focus area and say what you hope will be different', 'choose at least one focus area',
  'choose focus areas from the list', 'choose each focus area once', 'name the other focus area', 'say what you hope will be different',
  'enter the sponsor\'s name and who they are, or say there is no sponsor', 'enter the sponsor\'s name or role', 'choose who the sponsor is',
  'tick each agreement to book', 'this must be ticked to book',
  'reload the page and try again', 'leave this empty',
  'use at most 100 characters', 'use at most 150 characters', 'use at most 200 characters', 'use at most 254 characters',
  'use at most 1000 characters', 'use at most 4000 characters',
  'leave out quotation marks, line breaks and other special characters', 'remove the hidden special characters from this answer',
  'leave out invisible or direction-changing characters', 'a discovery call is for two people',
]);
