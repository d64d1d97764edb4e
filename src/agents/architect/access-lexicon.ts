/**
 * What the architect knows about kinds of records when the idea says nothing of who may see or
 * change them: the safe defaults of the access matrix (access.ts) read these lists, so that a new
 * kind of record is a word added here, not a rule added there. A name matches when it is one of
 * the words, or when its last word is (`class_booking` is a booking, `order_item` is an item).
 */

/**
 * Rows a person makes about someone else's row (rating a recipe, booking a class, applying to a
 * job): always their own rows, with an owner, never an update of the row they are about.
 */
export const PARTICIPATION = new Set([
  'review', 'rating', 'comment', 'reply', 'reaction', 'favourite', 'favorite', 'like', 'bookmark', 'vote', 'ballot',
  'booking', 'reservation', 'application', 'enrollment', 'enrolment', 'registration', 'rsvp', 'attempt', 'submission',
  'answer', 'response', 'bid', 'follow', 'subscription', 'check_in', 'order', 'purchase', 'message',
]);

/**
 * Private rows: seen by their parties (whoever made them, the people they name, the people of
 * the row they belong to) and privileged staff, never by everyone else who signs in.
 */
export const PRIVATE = new Set([
  'booking', 'reservation', 'appointment', 'order', 'purchase', 'message', 'conversation', 'chat', 'visit',
  'consultation', 'prescription', 'diagnosis', 'health_record', 'medical_record', 'lab_result', 'payment', 'invoice',
  'transaction', 'payout', 'refund', 'application', 'attempt', 'submission', 'answer', 'enrollment', 'enrolment',
  'registration', 'subscription', 'membership', 'favourite', 'favorite', 'bookmark', 'vote', 'ballot', 'journal',
  'diary', 'expense', 'claim', 'dispute', 'ticket', 'check_in',
]);

/**
 * Records whose people work together inside them (a team's tasks, a household's chores): they
 * get a members table with a role of its own and invitations.
 */
export const GROUPS = new Set([
  'team', 'group', 'workspace', 'project', 'studio', 'clinic', 'household', 'organization', 'organisation', 'club', 'family',
  'circle', 'community', 'department', 'squad', 'crew', 'band', 'league', 'trip',
]);

/**
 * Columns that only the parties of a row and privileged staff read: a role that may read other
 * people's rows for another reason (the front desk listing visits) gets the other columns only.
 * A column matches when one of its words, or two adjacent words, are listed.
 */
export const SENSITIVE_COLUMNS = new Set([
  'diagnosis', 'diagnoses', 'prescription', 'prescriptions', 'treatment', 'treatments', 'symptom', 'symptoms',
  'medication', 'medications', 'allergy', 'allergies', 'medical_history', 'clinical_notes', 'medical_notes',
  'lab_result', 'lab_results', 'test_result', 'test_results', 'blood_type', 'ssn', 'social_security_number',
  'national_id', 'passport_number', 'tax_id', 'salary', 'income', 'bank_account', 'iban', 'card_number',
]);

/** On private rows, contact details are sensitive too (a buyer's address, a patient's phone). */
export const PRIVATE_SENSITIVE_COLUMNS = new Set([
  'address', 'phone', 'mobile', 'email', 'date_of_birth', 'birth_date', 'dob', 'birthday',
]);

/** True when `name` (snake_case) is one of `words`, or ends with one. */
export function namedLike(name: string, words: ReadonlySet<string>): boolean {
  if (words.has(name)) return true;
  const parts = name.split('_');
  for (let i = 1; i < parts.length; i++) if (words.has(parts.slice(i).join('_'))) return true;
  return false;
}

/** True when a column's name holds a listed word or pair of words anywhere (`shipping_address`, `diagnosis_code`). */
export function columnNamedLike(name: string, words: ReadonlySet<string>): boolean {
  const parts = name.split('_');
  return parts.some((part, i) => words.has(part) || (i + 1 < parts.length && words.has(`${part}_${parts[i + 1]}`)));
}
