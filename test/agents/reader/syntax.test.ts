import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../src/agents/reader/tokens.js';
import { parseSentences, type Sentence } from '../../../src/agents/reader/syntax.js';

/**
 * The shallow syntax's reading of nouns and verbs, rule by rule: each rule of English is checked on
 * sentences written for it here, none of them from a corpus.
 */
const parse = (text: string): Sentence[] => parseSentences(tokenize(text));
const verbs = (text: string): string[] => parse(text).flatMap((s) => s.verbs.map((v) => v.norm));
const phrases = (text: string): string[] => parse(text).flatMap((s) => s.phrases.map((p) => p.words.map((w) => w.norm).join(' ')));

describe('a plural -s form after a noun modifier is a noun', () => {
  it('reads an item of a list ending before its bracketed values as a plural noun', () => {
    const text = 'A wine has a name, a vintage, allergy labels (sulphites, egg), and a price.';
    expect(phrases(text)).toContain('allergy labels');
    expect(verbs(text)).not.toContain('labels');
  });

  it('reads an -s form closing a verb\'s object before a bracket as its plural head', () => {
    const text = 'Members buy snack packs (small or large) at the desk.';
    expect(phrases(text)).toContain('snack packs');
    expect(verbs(text)).toEqual(['buy']);
  });

  it('keeps a verb before a bracket when a subject, not a verb, comes before it', () => {
    expect(verbs('The head coach signs (digitally) every form.')).toContain('signs');
  });

  it('reads a word for people after a noun modifier as the plural head, and the word after it as their verb', () => {
    const text = 'Our site nurses visit patients at home and note their vitals.';
    expect(phrases(text)).toContain('site nurses');
    expect(verbs(text)).toEqual(expect.arrayContaining(['visit', 'note']));
  });

  it('reads an -s form after "and" and a plural noun, with nothing it could govern after it, as a noun', () => {
    const text = 'The teacher prepares the slides and exercises when a course starts.';
    expect(phrases(text)).toContain('exercises');
    expect(verbs(text)).toEqual(['prepares', 'starts']);
  });

  it('keeps a verb after "and" when it governs an object', () => {
    expect(verbs('The coach prepares drills and books a pitch.')).toEqual(['prepares', 'books']);
  });
});

describe('the end of a phrase and the verb after it', () => {
  it('reads the verb of a plural subject after its place ("guests at the bar order")', () => {
    const text = 'Guests at the counter order pastries for the morning.';
    expect(verbs(text)).toContain('order');
    expect(phrases(text)).toEqual(expect.arrayContaining(['counter', 'pastries']));
    expect(phrases(text)).not.toContain('counter order pastries');
  });

  it('reads an infinitive after a comma that closes a verb clause as the next verb of the series', () => {
    const text = 'Stewards open the gate, take payment at the door and count the crowd.';
    expect(verbs(text)).toEqual(expect.arrayContaining(['open', 'take', 'count']));
    expect(phrases(text)).toContain('payment');
  });

  it('keeps a list of details after a colon as nouns', () => {
    expect(phrases('Vehicles: plate number, fuel type, service date.')).toEqual(['vehicles', 'plate number', 'fuel type', 'service date']);
  });
});

describe('a word after a possessive and before a noun describes it', () => {
  it('reads "the team\'s shared calendar" as a possessive and a noun, not "has shared"', () => {
    const [sentence] = parse('Everyone adds events to the team\'s shared calendar.');
    expect(sentence!.verbs.map((v) => v.norm)).toEqual(['adds']);
    const calendar = sentence!.phrases.find((p) => p.head.norm === 'calendar');
    expect(calendar?.owner?.head.lemma).toBe('team');
  });
});

describe('a subject pronoun makes the word after it a verb', () => {
  it('reads a bracketed "tags we add ourselves" as tags that people add', () => {
    const [sentence] = parse('Each photo sits in albums (folders we add ourselves, like Trips or Family).');
    expect(sentence!.verbs.map((v) => v.norm)).toContain('add');
    const folders = sentence!.phrases.find((p) => p.head.norm === 'folders');
    expect(folders?.verb?.norm).toBe('add');
    expect(folders?.role).toBe('object');
  });
});

describe('forms of "have" are verbs', () => {
  it('reads "has" in a list of details as the verb, not as part of a noun', () => {
    expect(phrases('Stalls: number, width, has power socket.')).not.toContain('has power socket');
    expect(phrases('Rooms (floor, size, has balcony view) are listed.')).not.toContain('has balcony view');
    expect(phrases('Boats: name, length, has engine type.')).toContain('engine type');
  });
});

describe('a regular plural does not modify the noun after it', () => {
  it('ends a phrase at a plural before another plural: two objects of one verb', () => {
    expect(phrases('I want to send tenants notices with due dates.')).toEqual(['tenants', 'notices', 'due dates']);
    expect(phrases('Coaches email players invites for each match.')).toEqual(['coaches', 'players', 'invites', 'match']);
  });

  it('reads people in the plural before a noun as its owners, written without the apostrophe', () => {
    expect(phrases('Parents see their kids lunch balance.')).toEqual(['parents', 'kids', 'lunch balance']);
    expect(phrases('The coach edits the players training plan.')).toEqual(['coach', 'players', 'training plan']);
  });

  it('keeps a plural WordNet lists as a word, a name, and people before a part of the product, as modifiers', () => {
    expect(phrases('Members keep a savings goal.')).toContain('savings goal');
    expect(phrases('I own a pilates studio.')).toContain('pilates studio');
    expect(phrases('Tenants log in to the tenants portal.')).toContain('tenants portal');
  });
});

describe('a fronted prepositional phrase ends before the subject', () => {
  it('reads the last noun before a verb it agrees with as the subject, not part of the phrase', () => {
    expect(phrases('At the start of the week management assigns shifts.')).toEqual(['start', 'week', 'management', 'shifts']);
    expect(phrases('In the morning staff unload deliveries.')).toEqual(['morning', 'staff', 'deliveries']);
    expect(parse('After the match coaches rate players.')[0]!.phrases.find((p) => p.head.norm === 'coaches')?.role).toBe('subject');
  });

  it('keeps the nouns together where the last one does not agree with the verb', () => {
    expect(phrases('On the settings page list all users.')).toContain('settings page');
  });
});

describe("a noun's possessive is followed by what it owns, not by a verb", () => {
  it('reads the word after "each show\'s" as the subject and the next word as its verb', () => {
    expect(verbs("Each show's host gets the ad brief and records the spot.")).toEqual(['gets', 'records']);
    expect(verbs("The studio's host books rooms for every guest.")).toEqual(['books']);
    expect(verbs("Each farm's guide leads tours.")).toEqual(['leads']);
  });

  it('still reads a plural subject\'s verb-noun before a plural object as the verb', () => {
    expect(verbs('Guides lead tours.')).toEqual(['lead']);
    expect(verbs('Hosts book rooms for guests.')).toEqual(['book']);
  });
});

describe('a clause opening with "each" or "every" and a time', () => {
  it('ends the time before the subject', () => {
    const text = 'Every season families register their daughters online.';
    expect(phrases(text)).toEqual(expect.arrayContaining(['season', 'families']));
    expect(verbs(text)).toContain('register');
  });

  it('keeps the words that name the time with it', () => {
    const text = 'Each winter/summer term pupils choose two clubs.';
    expect(phrases(text)).toContain('pupils');
    expect(verbs(text)).toContain('choose');
  });

  it('leaves a time that is not followed by a subject alone', () => {
    expect(phrases('Each season ticket holder gets a seat.')).toContain('season ticket holder');
  });
});

describe('an -s form with an object after a singular subject, or in a series of verbs, is a verb', () => {
  it('reads the -s form after a singular noun opening a clause as its verb, not a compound', () => {
    const text = 'The foreman groups jobs into batches.';
    expect(verbs(text)).toEqual(['groups']);
    expect(phrases(text)).toEqual(['foreman', 'jobs', 'batches']);
    expect(verbs('QA records first-pass test results.')).toEqual(['records']);
    expect(verbs('The chair picks which entries win.')).toEqual(['picks', 'win']);
  });

  it('reads a clause inside brackets with its verb', () => {
    const text = 'Stalls (a baker, a grocer... a trader rents many of our pitches) pay monthly.';
    expect(verbs(text)).toContain('rents');
    expect(phrases(text)).not.toContain('trader rents');
  });

  it('reads an -s form after a comma as the next verb when the clause before has an -s verb', () => {
    const text = 'The librarian catalogues a book, stamps cards, and shelves it.';
    expect(verbs(text)).toEqual(['catalogues', 'stamps', 'shelves']);
    expect(phrases(text)).toContain('cards');
  });

  it('keeps an item of a list of details after "has" a noun', () => {
    expect(verbs('Each kit has a manual, spares packs and a case.')).toEqual(['has']);
  });

  it('keeps a singular modifier before a plural head with no object after it', () => {
    const text = 'The coach reviews match reports after each game.';
    expect(phrases(text)).toContain('match reports');
    expect(verbs(text)).toEqual(['reviews']);
  });

  it('never reads a word for people as a verb', () => {
    expect(verbs('Every week parents collect their kids.')).toEqual(['collect']);
  });
});

describe('particles written as one slashed word', () => {
  it('reads "clock in/out" as a verb and its particles', () => {
    const text = 'Drivers clock in/out at the depot.';
    expect(verbs(text)).toEqual(['clock']);
    expect(phrases(text)).toEqual(['drivers', 'depot']);
  });
});

describe('an act after "and" with nothing to act on is the clause\'s next verb', () => {
  it('reads "and pay" after a verb of the same form as a verb, not a noun', () => {
    expect(verbs('Diners choose a table and pay.')).toEqual(['choose', 'pay']);
    expect(verbs('Riders reserve a bike and pay upfront by card.')).toEqual(['reserve', 'pay']);
    expect(verbs('Each tenant renews the lease and pays.')).toEqual(['renews', 'pays']);
    expect(phrases('Riders reserve a bike and pay upfront by card.')).toEqual(['riders', 'bike', 'card']);
  });

  it('leaves a noun listed after a plural noun, or one seen more as a noun, as a noun', () => {
    expect(verbs('The teacher marks the essays and reports.')).toEqual(['marks']);
    expect(verbs('Visitors leave a short comment and review.')).toEqual(['leave']);
    expect(verbs('Owners set a title and price.')).toEqual(['set']);
  });
});

describe("an -s form right after a subject pronoun's verb is its object", () => {
  it('reads "we pay guides", "they train guides" as a verb and its plural object', () => {
    expect(verbs('Each month we pay guides per walk.')).toEqual(['pay']);
    expect(phrases('Each month we pay guides per walk.')).toContain('guides');
    expect(verbs('They train guides every spring.')).toEqual(['train']);
    expect(verbs('We hire cooks for each event.')).toEqual(['hire']);
  });
});

describe('a word that is mostly a verb, closing a comma series of acts, is the next act', () => {
  it('reads ", and pay upfront" as a verb and how it is done', () => {
    const text = 'Diners choose a table for the evening, and pay upfront.';
    expect(verbs(text)).toContain('pay');
    expect(phrases(text)).not.toContain('pay upfront');
    expect(phrases(text)).not.toContain('upfront');
  });

  it('reads a bare verb between commas before ", and" another verb as one of the series', () => {
    expect(verbs('Riders pick a bike from the rack, pay, and get a code by text.')).toEqual(['pick', 'pay', 'get']);
  });

  it('keeps a word listed after a colon or among details a noun', () => {
    expect(verbs('Each worker has a name, a role and pay.')).not.toContain('pay');
    expect(verbs('Columns: name, rate, pay, and notes.')).not.toContain('pay');
  });
});

describe('a word closed by a colon heads what follows', () => {
  it('reads the verb-noun after a heading as the modifier of the noun after it, not a verb', () => {
    const text = 'Garage app. Features:\n- invoices: line items for parts and labour, the driver pays the invoice by card';
    expect(phrases(text)).toContain('line items');
    expect(verbs(text)).not.toContain('line');
  });
});

describe('a verb-noun WordNet has as one noun with the noun after it, before a verb, is its modifier', () => {
  it('reads the two words as the subject and the verb after them as the verb', () => {
    const text = 'Purchase orders go to one wholesaler with several lines.';
    expect(phrases(text)).toContain('purchase orders');
    expect(verbs(text)).toEqual(['go']);
  });
});

describe('possessors', () => {
  it('ends a phrase at a plural possessor opening a sentence, and marks it the owner', () => {
    const [sentence] = parse('Drivers\' logbooks stay in the office and managers read them.');
    const owner = sentence!.phrases.find((p) => p.head.norm === 'drivers');
    expect(owner?.possessive).toBe(true);
    expect(sentence!.phrases.find((p) => p.head.norm === 'logbooks')?.words.map((w) => w.norm)).toEqual(['logbooks']);
  });

  it('does not read a word before a closing quote as a possessor', () => {
    const [sentence] = parse("Guests leave notes like 'no onions' on their orders.");
    expect(sentence!.phrases.some((p) => p.possessive)).toBe(false);
  });
});

describe('a clause cut short after a noun', () => {
  it('reads an -ing word after a noun, before a plural closing its phrase, as what the thing does', () => {
    const text = 'Each crew has a job sheet listing parts per van.';
    expect(phrases(text)).toEqual(expect.arrayContaining(['job sheet', 'parts']));
    expect(verbs(text)).toContain('listing');
  });

  it('keeps an -ing word that names a kind before the noun it modifies', () => {
    expect(phrases('The customer listing pages show prices.')).toContain('customer listing pages');
  });
});

describe('two modifiers of one head', () => {
  it('reads a bare singular before "or" and a compound as a modifier of its head, not a phrase', () => {
    const text = 'Landlords list attic or cellar room for students.';
    expect(phrases(text)).toContain('cellar room');
    expect(phrases(text)).not.toContain('attic');
  });

  it('keeps two things that are each a phrase', () => {
    expect(phrases('Guests order tea or coffee.')).toEqual(['guests', 'tea', 'coffee']);
  });
});
