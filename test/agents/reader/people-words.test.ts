import { describe, expect, it } from 'vitest';
import { readIdea } from '../../../src/agents/reader/read.js';

/** The words an idea uses for its people: sentences written for these tests, none of them from a corpus. */
const roles = (spec: string) => readIdea({ spec }).roles.map((r) => r.name);
const entities = (spec: string) => readIdea({ spec }).entities.map((e) => e.name);

describe('two words of one WordNet synset are one kind of person', () => {
  it('names a vet clinic\'s vets as the idea first names them', () => {
    const spec = 'Booking app for our animal clinic with three veterinarians. Pet owners book visits online, and after each visit the vet writes a visit note and can prescribe medication.';
    expect(roles(spec)).toContain('veterinarian');
    expect(roles(spec)).not.toContain('vet');
  });

  it('reads "birders" and "a birdwatcher" (WordNet writes "bird_watcher") as the same people', () => {
    const spec = 'A sightings log for our birding society. Birders record each sighting with a species, a place and a photo. Any birdwatcher can comment on the sightings of others and follow a species.';
    expect(roles(spec)).toContain('birder');
    expect(roles(spec)).not.toContain('birdwatcher');
  });

  it('keeps "children" and "kids" as one table of children, not a table and a role', () => {
    const spec = 'Sign-in app for our after-school club. Parents sign up and add their children (name, date of birth, allergies). Each afternoon our staff check the kids in and out, and parents see when their kid left.';
    expect(entities(spec)).toContain('child');
    expect(entities(spec)).not.toContain('kid');
    expect(roles(spec)).not.toContain('kid');
  });

  it('keeps "tenants" and "a renter" as one role', () => {
    const spec = 'App for our lettings agency. Tenants pay their rent online and see their lease. A renter can report a repair with photos, and our staff assign it to a contractor.';
    expect(roles(spec)).toContain('tenant');
    expect(roles(spec)).not.toContain('renter');
  });
});

describe('a word that names a device first is a person when the idea pays them or has them see their work', () => {
  it('makes office cleaners who see and tick their rounds a role, not a table', () => {
    const spec = 'A rota app for our office cleaning company. We assign each office to a cleaner. Cleaners see their own rounds on their phone and tick the rooms done, and we pay cleaners per round.';
    expect(roles(spec)).toContain('cleaner');
    expect(entities(spec)).not.toContain('cleaner');
  });

  it('makes a kitchen\'s dishwashers who claim shifts and are paid by the hour a role', () => {
    const spec = 'Shift app for our restaurant kitchen. The head chef posts the weekly rota, dishwashers see their shifts and claim open ones, and we pay dishwashers by the hour.';
    expect(roles(spec)).toContain('dishwasher');
  });

  it('makes ferry commuters who buy passes and view their trips a role', () => {
    const spec = 'Season ticket app for our ferry line. Commuters buy a monthly pass in the app and view their trips, and the crew scan each pass at boarding.';
    expect(roles(spec)).toContain('commuter');
  });

  it('leaves a device that only logs things a thing', () => {
    const spec = 'Bar stock app: the dispenser logs each pour, and the bar manager sees the totals per tap every night.';
    expect(roles(spec)).not.toContain('dispenser');
  });
});

describe('an organisation that signs in', () => {
  it('gives the cafés a bakery supplies a role of their own and keeps the cafés as a table', () => {
    const spec = 'Wholesale portal for our bakery. Cafés we deliver to get a login, see our bread list and place a standing order for each weekday. Each café has its own delivery window.';
    expect(roles(spec)).toContain('cafe_user');
    expect(entities(spec)).toContain('cafe');
    // The bakery gives the cafés their login; they do not sign themselves up.
    expect(readIdea({ spec }).roles.find((r) => r.name === 'cafe_user')?.self_signup).toBe(false);
  });

  it('gives clinics that log in to order lab tests a role', () => {
    const spec = 'Results portal for our testing laboratory. Clinics log in to order tests for their patients and download the results as a PDF.';
    expect(roles(spec)).toContain('clinic_user');
  });

  it('gives schools that get an account to book museum visits a role', () => {
    const spec = 'Booking system for our science museum. Schools get an account and book class visits for a date, with the number of pupils and teachers coming.';
    expect(roles(spec)).toContain('school_user');
  });

  it('does not make the narrator\'s own organisation a role', () => {
    const spec = 'Our gym uses the app to sign in members at the door, and members book classes online.';
    expect(roles(spec)).not.toContain('gym_user');
  });
});
