// The intake's closed answers: the options of each choice the duo makes, as the schema, the labels and a link name them.
// Its own module, with no imports, so that the widget's first step can check a preselection without valibot or texts.
export const RELATIONSHIPS = ['co-founders', 'co-leads', 'manager-report', 'peers', 'other'] as const;
export const FOCUS_AREAS = ['trust', 'communication', 'tension', 'roles', 'culture', 'other'] as const;
export const SPONSOR_RELATIONS = ['supervisor', 'board', 'other'] as const;
export const AGREEMENTS = ['notice', 'presence', 'confidentiality', 'commitment'] as const;
