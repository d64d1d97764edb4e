import { describe, expect, it } from 'vitest';
import { readIdea } from '../../../src/agents/reader/read.js';

/**
 * What people pick for themselves from what is on offer (picks.ts): sentences written for these
 * tests, none of them from a corpus, three domains or more a class.
 */
const entities = (spec: string) => readIdea({ spec }).entities.map((e) => e.name);

describe('"what they want", picked for an order', () => {
  it.each([
    ['A school canteen app: pupils order lunch online; each pupil picks what they want from the canteen menu, and parents pay every week.', ['order', 'order_item', 'menu_item']],
    ['A team pizza night app: the organiser starts an order and everyone adds what they like from the pizzeria menu, then the organiser pays.', ['order', 'order_item', 'menu_item']],
    ['Farm shop preorders: customers order online, choose what they need and pick a collection day.', ['order', 'order_item']],
  ])('makes each pick a line of the order, and a menu picked from its items: %s', (spec, tables) => {
    expect(entities(spec)).toEqual(expect.arrayContaining(tables));
  });

  it.each([
    ['A film club app: members browse films and see what they want to watch, and the host schedules screenings.'],
    ['A gift list app: friends pick what they want to give from a wishlist, and the host thanks them.'],
  ])('makes no lines where nothing is ordered: %s', (spec) => {
    expect(entities(spec).some((e) => e.endsWith('_item'))).toBe(false);
  });
});

describe('ordering from a catalogue', () => {
  it.each([
    ['A bakery app: regulars see which loaves are baked today, order ahead from the menu and collect at the counter.', ['order', 'order_item', 'menu_item']],
    ['Campus coffee cart: students pre-order from the cart\'s menu between lectures and pay by card.', ['order', 'order_item', 'menu_item']],
    ['Seed library for gardeners: members buy online from our catalogue, and volunteers post the packets.', ['order', 'order_item', 'catalogue_item']],
  ])('makes the order, a line per thing chosen, and the catalogue\'s items: %s', (spec, tables) => {
    expect(entities(spec)).toEqual(expect.arrayContaining(tables));
  });

  it.each([
    ['A recipe site: cooks pick a dish from the menu of the week and write how it went.'],
    ['Office supplies tracker: the manager keeps an order log from which we see spending.'],
  ])('makes no lines where nothing is ordered from a catalogue: %s', (spec) => {
    expect(entities(spec).some((e) => e.endsWith('order_item'))).toBe(false);
  });
});

describe('goods bought several at once', () => {
  it.each([
    ['A pottery studio shop: visitors browse the gallery, buy mugs or bowls and collect their order later. We keep every order.', ['order', 'order_item']],
    ['Farm gate app: buyers order several cheeses online, then pick up their order at the barn and pay on collection.', ['order', 'order_item']],
  ])('makes a line of the kept order for each: %s', (spec, tables) => {
    expect(entities(spec)).toEqual(expect.arrayContaining(tables));
  });

  it.each([
    ['An ad network: advertisers buy several campaigns online, and we keep every order with its invoice number.'],
    ['Yoga studio: students buy extra classes or memberships online, and every order is paid by card.'],
  ])('makes no lines for what is bought as a record of its own: %s', (spec) => {
    expect(entities(spec)).not.toContain('order_item');
  });
});
