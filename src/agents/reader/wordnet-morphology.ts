/**
 * WordNet's morphy rules (morphy(7WN)) as data: the suffixes an inflected form may end in and what
 * each is replaced by, tried in this order and kept only when the result is in the index. The
 * package ships no exception lists, so irregular forms ("people", "paid") are not undone.
 */

export const NOUN_SUFFIXES: ReadonlyArray<readonly [suffix: string, ending: string]> = [
  ['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y'],
];

export const VERB_SUFFIXES: ReadonlyArray<readonly [suffix: string, ending: string]> = [
  ['s', ''], ['ies', 'y'], ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', ''],
];

/**
 * Endings of person nouns made from a verb, for words WordNet lacks: the verb is the stem plus one of
 * `stems` ("uploader" → upload, "influencer" → influence); for the one an act is done to, the doer is
 * the stem plus one of `doers` ("mentee" → mentor).
 */
export const PERSON_SUFFIXES: ReadonlyArray<{ suffix: string; stems: readonly string[]; doers: readonly string[] }> = [
  { suffix: 'er', stems: ['', 'e'], doers: [] },
  { suffix: 'or', stems: ['', 'e'], doers: [] },
  { suffix: 'ee', stems: ['', 'e'], doers: ['or', 'er'] },
];
