/**
 * Nouns that product ideas use and WordNet 3.1 lacks, each read as the WordNet lemma nearest in
 * meaning, so that its lexname and hypernyms still answer ("a barista" is a person). Only words
 * whose stand-in keeps the sense the reader needs belong here.
 */
export const MISSING_NOUNS: Readonly<Record<string, string>> = {
  admin: 'administrator',
  app: 'application_program',
  barista: 'bartender',
  emoji: 'emoticon',
  payout: 'payment',
  physio: 'physiotherapist',
  waitlist: 'waiting_list',
  webinar: 'seminar',
};
