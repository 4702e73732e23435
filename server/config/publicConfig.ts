// What the widget may know of the configuration: names, labels and the call's shape, no coach details.
import type { PublicConfig } from '../../core/api.ts';
import type { Config } from '../../core/config.ts';
import { AGREEMENTS, FOCUS_AREAS, RELATIONSHIPS, SPONSOR_RELATIONS } from '../../core/intake.ts';
import {
  AGREEMENT_LABELS,
  FOCUS_LABELS,
  noticeAgreement,
  RELATIONSHIP_LABELS,
  SPONSOR_NOTE,
  SPONSOR_RELATION_LABELS,
} from '../../core/texts.ts';

/** Everything but the form stamp, which is issued afresh on every GET /api/config. */
export function publicConfig(config: Config): Omit<PublicConfig, 'stamp'> {
  const t = config.texts;
  return {
    practice: {
      name: config.practice.name,
      email: config.practice.email,
      timeZone: config.practice.timeZone,
      website: config.practice.website,
      ...(config.practice.explainerUrl ? { explainerUrl: config.practice.explainerUrl } : {}),
    },
    call: {
      title: config.call.title,
      minutes: config.call.minutes,
      bufferMinutes: config.call.bufferMinutes,
      cancelNoticeHours: config.call.cancelNoticeHours,
    },
    // The practice's wording from config.texts where it gave one, the seed's English otherwise.
    relationships: RELATIONSHIPS.map((value) => ({ value, label: t.relationships[value] ?? RELATIONSHIP_LABELS[value] })),
    focusAreas: FOCUS_AREAS.map((value) => ({ value, label: t.focusAreas[value] ?? FOCUS_LABELS[value] })),
    sponsorRelations: SPONSOR_RELATIONS.map((value) => ({ value, label: t.sponsorRelations[value] ?? SPONSOR_RELATION_LABELS[value] })),
    agreements: AGREEMENTS.map((value) => ({
      value,
      label: t.agreements[value] ?? (value === 'notice' ? noticeAgreement(config.call.cancelNoticeHours) : AGREEMENT_LABELS[value]),
    })),
    sponsorNote: t.sponsorNote ?? SPONSOR_NOTE,
  };
}
