import { describe, expect, it } from 'vitest';
import { readIdea } from '../../../src/agents/reader/read.js';

/**
 * Tables an idea names only in passing (mentions.ts): one of a set someone has, a queue, a
 * heading over attributes, an act written where a noun stands. Every sentence is written for
 * this file, from domains the corpus does not hold.
 */
const tables = (spec: string): string[] => readIdea({ spec }).entities.map((e) => e.name);

/** One test a sentence: the reader keeps the tables named beside it. */
const keeps = (cases: Array<[string, string | string[]]>): void => {
  it.each(cases)('reads %j', (spec, wanted) => {
    expect(tables(spec)).toEqual(expect.arrayContaining([wanted].flat()));
  });
};

describe('one of a possessed set is a row of a kept set', () => {
  it('keeps the flats in "one of our flats"', () => {
    expect(tables('For our letting office: tenants report a leak in one of our flats and the caretaker fixes it.')).toContain('flat');
  });

  it('keeps the garages in "one of our garages"', () => {
    expect(tables('Landlord app: tenants pay rent for one of our garages each month.')).toContain('garage');
  });

  it('keeps the pets in "one of their pets"', () => {
    expect(tables('Vet app: owners book a checkup for one of their pets.')).toContain('pet');
  });

  it('keeps the thing "its" points back at, and its set', () => {
    const names = tables('Fans follow a band and buy tickets for one of its concerts, and promoters see sales per concert.');
    expect(names).toEqual(expect.arrayContaining(['band', 'concert']));
  });
});

describe('a verb written where a noun stands names its record, never the bare verb', () => {
  it('reads "what sold" at a market stall as sales', () => {
    const names = tables('Till for our bakery stall: staff tag each loaf, sell it at the market, and every week we see 10% of what sold.');
    expect(names).toContain('sale');
    expect(names).not.toContain('sell');
  });

  it('reads selling in a charity shop as sales', () => {
    const names = tables('Charity shop till: volunteers price each donated book, sell it at the counter, and the manager counts what sold.');
    expect(names).toContain('sale');
    expect(names).not.toContain('sell');
  });

  it('reads counting what sold at a flea market as sales', () => {
    const names = tables('Flea market app: stallholders list old vinyl, sell it to visitors, and count what sold.');
    expect(names).toContain('sale');
    expect(names).not.toContain('sell');
  });

  it('makes no table of a past participle ("marked as shipped")', () => {
    const names = tables('Parcel desk for our stationery shop: staff pack each order and mark it as shipped with a tracking number once it was shipped.');
    expect(names).not.toContain('ship');
  });
});

describe('a request to do something is named after the act people use', () => {
  it.each([
    ['Hiking club app. Members ask to join a trip and the leader approves each one.'],
    ['Five-a-side league: players request to join a team and captains accept or decline.'],
    ['Lab portal: students apply to join a research group and the professor reviews it.'],
  ])('reads a request to join as join requests: %s', (spec) => {
    const names = tables(spec);
    expect(names).toContain('join_request');
    expect(names).not.toContain('junction_request');
  });
});

describe('a heading over attributes is a record, whatever its head word', () => {
  keeps([
    ['Holiday cottage bookings.\nBooking deposits: amount, due date, refund deadline.\nGuests pay the deposit online.', 'booking_deposit'],
    ['Parking permits app.\nPermit fees: zone, amount, validity period.\nResidents pay the fee online.', 'permit_fee'],
    ['Courier app.\nShipping fees: name, price per kg, region.\nCouriers deliver parcels to customers.', 'shipping_fee'],
  ]);
});

describe('a queue keeps a row per person waiting', () => {
  keeps([
    ['need a queue thing for walk-ins at our barbershop. barbers see who is next and call them.', 'queue_entry'],
    ['Walk-in clinic for pets: owners join the waitlist from their phone and the vet calls them in.', 'waitlist_entry'],
    ['Our allotment society needs a waiting list thing: residents apply for a plot and the secretary offers plots in turn.', 'waiting_list_entry'],
  ]);
});

describe('what people browse or find things by is kept', () => {
  keeps([
    ['Coaches create a session for a pitch, and parents view sessions by pitch.', 'pitch'],
    ['Hosts create a tasting for a vineyard, and guests browse tastings by vineyard.', 'vineyard'],
    ['Tutors create a course for an instrument, and students browse courses by instrument.', 'instrument'],
  ]);
});

describe('plural objects joined by "and" before an adverb are both kept', () => {
  keeps([
    ['The manager books the gigs and rehearsals early, and members confirm.', ['gig', 'rehearsal']],
    ['The coach writes the drills and exercises beforehand, and players tick them off after training.', ['drill', 'exercise']],
    ['The curator plans the exhibitions and talks early, and visitors book a seat.', ['exhibition', 'talk']],
  ]);
});
