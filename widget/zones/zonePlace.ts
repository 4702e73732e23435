// The place a zone is named after, as its IANA name spells it ("America/New_York" → "New York"): what the first step
// shows before the later code names the zone (zoneName.ts, which also brings old names up to date).

export const placeOf = (zone: string): string => zone.split('/').pop()!.replace(/_/g, ' ');
