import { describe, expect, it } from 'vitest';
import { readIdea } from '../../../src/agents/reader/read.js';

/**
 * Which tables the offline reader finds, class by class: each rule of English or of products is
 * checked on sentences written for it here, none of them from the corpus.
 */
const tables = (spec: string): string[] => readIdea({ spec }).entities.map((e) => e.name);

describe('orders of several priced things have line items', () => {
  it('reads things put in a basket as an order and its items', () => {
    const names = tables('A web shop for our cheese counter. Shoppers put several cheeses in a basket, pick a collection time and pay online.');
    expect(names).toEqual(expect.arrayContaining(['order', 'order_item', 'cheese']));
  });

  it('reads an order with several lines as its lines', () => {
    const names = tables('Restaurants sign in to our wholesale portal and place an order with several lines: olive oil, tin size and quantity. We confirm each order.');
    expect(names).toEqual(expect.arrayContaining(['order', 'order_line']));
    expect(names).not.toContain('line');
  });

  it('reads a tab people add to as the tab and its items', () => {
    const names = tables('Cocktail bar app: each guest adds drinks to one shared tab during the night, and the bartender closes the tab at the end.');
    expect(names).toEqual(expect.arrayContaining(['tab', 'tab_item']));
  });

  it('keeps "in route order" an arrangement, not a table', () => {
    const names = tables('Customers buy flowers online and every order gets a delivery slot. Couriers see the day’s parcels in route order.');
    expect(names).toContain('order');
    expect(names).not.toContain('route_order');
  });
});
