// The labels the duo reads after the first step: the practice's wording from GET /api/config, the seed's English
// (core/texts.ts) until it answers. In the later chunk: the first step asks nothing the practice words.
import type { Option, PublicConfig } from '../../core/api.ts';
import { AGREEMENT_LABELS, FOCUS_LABELS, RELATIONSHIP_LABELS, SPONSOR_NOTE, SPONSOR_RELATION_LABELS } from '../../core/texts.ts';
import { useStore } from '../store.ts';

const options = <K extends string>(labels: Record<K, string>): Option<K>[] =>
  (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));

const DEFAULT_TEXTS = {
  relationships: options(RELATIONSHIP_LABELS),
  focusAreas: options(FOCUS_LABELS),
  sponsorRelations: options(SPONSOR_RELATION_LABELS),
  agreements: options(AGREEMENT_LABELS),
  sponsorNote: SPONSOR_NOTE,
};

export type Texts = typeof DEFAULT_TEXTS;

let last: [PublicConfig | null, Texts] | null = null;
export function textsOf(config: PublicConfig | null): Texts {
  if (last?.[0] !== config) last = [config, config ? { ...DEFAULT_TEXTS, ...config } : DEFAULT_TEXTS];
  return last[1];
}

/** The labels of this widget's practice. */
export const useTexts = (): Texts => textsOf(useStore().config.value);
