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

  it('reads the line items an order has among its details as the order\'s items, however far from it', () => {
    const names = tables('Yarn shop app. Each sale has billing address, delivery status (open, posted), a gift note and several line items.');
    expect(names).toEqual(expect.arrayContaining(['sale', 'sale_item']));
    expect(names).not.toContain('line_item');
  });

  it('reads a gerund after "has" as a kind, not a verb', () => {
    const names = tables('Bike repair app. Every repair has booking reference, a due date and several line items. Mechanics close repairs when done.');
    expect(names).toEqual(expect.arrayContaining(['repair', 'repair_item']));
  });

  it('reads line items under a heading as the lines of the record the heading names', () => {
    const names = tables('Roofing company app. What we need:\n- quotes: line items for materials and labour, the homeowner signs the quote online\n- crews see their roofs for the week');
    expect(names).toEqual(expect.arrayContaining(['quote', 'quote_line']));
    expect(names).not.toContain('line_item');
  });

  it('reads line items under a heading as lines even where the tagger takes "line" for a verb', () => {
    const names = tables('Garage app. Features:\n- invoices: line items for parts and labour, the driver pays the invoice by card');
    expect(names).toEqual(expect.arrayContaining(['invoice', 'invoice_line']));
  });

  it('reads a word capitalised in mid-sentence, and written in lower case elsewhere, as the common word', () => {
    const names = tables('Sign shop app. Customers email us, we make a Quote with one or more lines (size, material, unit price). When a quote is accepted we start the job.');
    expect(names).toEqual(expect.arrayContaining(['quote', 'quote_line']));
  });

  it.each([
    ['an invoice from logged records', 'Design studio app. Designers log hours and expenses against projects. Each month we produce an invoice per project from the logged hours and expenses.', 'invoice_line'],
    ['a quote from surveyed things', 'Carpet fitting app. The surveyor measures rooms and notes items to remove; the office builds a quote from the measured rooms and items, and the customer accepts it online.', 'quote_line'],
  ])('reads a record made from several records as having a line for each: %s', (_class, spec, line) => {
    expect(tables(spec)).toContain(line);
  });

  it.each([
    ['where it is sent from, and when', 'Florist app. Customers order bouquets for delivery and we send an invoice from our shop each month.', 'invoice_line'],
    ['who it comes from', 'Print shop app: we receive an order from a customer and print it the same day.', 'order_item'],
  ])('reads no lines in a record made from one thing: %s', (_class, spec, line) => {
    expect(tables(spec)).not.toContain(line);
  });

  it('reads the lines a record goes out with as its lines, when the record is the subject', () => {
    const names = tables('Hardware store back office. Purchase orders go to one wholesaler with several lines (product, qty, cost), and we mark them received when the pallet arrives.');
    expect(names).toEqual(expect.arrayContaining(['purchase_order', 'purchase_order_line']));
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

describe('lists a record has are rows of their own', () => {
  it('names the items a record has after it', () => {
    const names = tables('Onboarding app for new hires. HR builds onboarding plans, and each plan has items with a due day and an owner.');
    expect(names).toEqual(expect.arrayContaining(['plan', 'plan_item']));
    expect(names).not.toContain('item');
  });

  it('reads things listed in a record with an amount as a row joining the two', () => {
    const names = tables('Repair kits for our technicians. Each kit is a list of spare parts with the quantity packed, and we keep the parts with their supplier and cost.');
    expect(names).toEqual(expect.arrayContaining(['kit', 'spare_part', 'kit_spare_part']));
  });

  it('finds the join row when the amount comes after the record’s other details', () => {
    const names = tables('Juice bar menu. A juice has a name, a price, a size and the fruits with an amount in grams. Staff update the fruits in stock.');
    expect(names).toEqual(expect.arrayContaining(['juice', 'fruit', 'juice_fruit']));
  });
});

describe('people joining or signing up for a thing make a row each', () => {
  it('reads people joining a group as its members', () => {
    const names = tables('Birdwatching app: birders create local patches and join a patch group to share sightings.');
    expect(names).toContain('patch_group_member');
  });

  it('reads people joining a challenge kept for its own sake as its participants', () => {
    const names = tables('Step-count app for our office. Colleagues join a challenge; each challenge has a goal and an end date, and the app ranks the steps per challenge.');
    expect(names).toEqual(expect.arrayContaining(['challenge', 'challenge_participant']));
  });

  it('keeps nothing for joining what is not kept', () => {
    const names = tables('Video calls for tutors: students join the call from a link and the tutor records notes about each lesson.');
    expect(names.some((n) => n.startsWith('call_'))).toBe(false);
  });

  it('reads signing up for a thing as a sign-up', () => {
    const names = tables('Beach cleanup app: volunteers sign up for cleanups near them and log the bags of litter they collect.');
    expect(names).toEqual(expect.arrayContaining(['signup', 'cleanup']));
  });
});

describe('verbs that make a record of their own', () => {
  it('reads swapping with another person as a swap kept until they agree', () => {
    const names = tables('Rota app for a hospital ward: nurses see their shifts and can swap a shift with a colleague, and the ward manager approves it.');
    expect(names).toEqual(expect.arrayContaining(['shift', 'swap']));
  });

  it('reads taking attendance as attendance kept per person', () => {
    const names = tables('Drama school app with weekly workshops. Teachers take attendance at every workshop and email parents when a child misses two.');
    expect(names).toEqual(expect.arrayContaining(['workshop', 'attendance']));
  });

  it('reads an act said after "and" with no object as the act ("choose a class and pay")', () => {
    expect(tables('A kayak rental app: paddlers reserve a kayak for a morning and pay upfront online.')).toContain('payment');
    expect(tables('A pottery class app where learners choose a class and pay.')).toContain('payment');
    expect(tables('An auction app: bidders watch a lot and bid.')).toContain('bid');
  });

  it('reads the particle after the object as the phrasal act ("pay the tutors out", "check members in")', () => {
    expect(tables('A private tutoring agency: parents book lessons, we keep a commission and pay the tutors out monthly.')).toContain('payout');
    expect(tables('A gym front desk: staff scan each membership card to check members in.')).toContain('check_in');
    // ("in the shed" is a place: the word before a phrase is its preposition.)
    expect(tables('A bike co-op: staff check the bikes in the shed every night.')).not.toContain('check_in');
  });
});

describe('the business paying people is a payout; paying for things is none', () => {
  it('keeps a payout when we pay the people who work through the product', () => {
    expect(tables('A walking tour company: customers book tours online. At the end of each month we pay guides for the tours they led.')).toContain('payout');
    expect(tables('A window cleaning round: households book cleans. I pay my cleaners per job.')).toContain('payout');
  });

  it('keeps no payment or payout for what the business buys itself', () => {
    const names = tables('A farm shop app: customers order boxes online. We also pay for seeds and fertiliser.');
    expect(names).not.toContain('payout');
    expect(names).not.toContain('payment');
  });
});

describe('names of tables', () => {
  it('leaves a trailing adverb of place out of a name', () => {
    const names = tables('lunch app for our office. every friday someone posts a lunch run, we pick sandwiches from the deli downstairs and the app adds it up per person');
    expect(names.some((n) => /downstair|upstair/.test(n))).toBe(false);
  });
});

describe('a name made of two names says no word twice', () => {
  it('names the rows of a listed whole once, whatever the whole is', () => {
    for (const [spec, row] of [
      ['Shop planner: I keep order templates, like a weekly template or a party template. Each template has items with a supplier and a quantity. I make an order from a template.', 'template_item'],
      ['Gift shop app: we sell gift kits, like a spa kit or a baby kit. Each kit has items with a supplier and a quantity. Customers order a kit.', 'kit_item'],
      ['Clinic app: we keep supply packs, like a dressing pack or a suture pack. Each pack has items with a supplier and a quantity. Nurses open a pack.', 'pack_item'],
    ] as const) {
      const names = tables(spec);
      expect(names).toContain(row);
      expect(names.filter((name) => new Set(name.split('_')).size < name.split('_').length)).toEqual([]);
    }
  });
});

describe('a record act read through a sentence the tagger misreads', () => {
  it('reads particles written with a slash as the act they make', () => {
    expect(tables('A bakery rota app: bakers clock in/out on the kiosk by the ovens, and the manager approves their hours weekly.')).toContain('time_entry');
  });

  it('keeps no table of the device or place an act is done on', () => {
    const names = tables('A bakery rota app: bakers clock in on the kiosk tablet, and the manager approves their hours weekly.');
    expect(names).toContain('time_entry');
    expect(names).not.toContain('kiosk_tablet');
  });

  it('reads an -s verb in a series of the same subject\'s verbs as what people do', () => {
    expect(tables('A swap club: the organiser creates an event, invites members, and members bring books.')).toContain('invitation');
  });
});

describe('table names are the words that name a kind', () => {
  it('names a record by its head when slashed alternatives say which of several kinds it is', () => {
    const names = tables('Staff app for a bakery. Bakers submit holiday/sick requests to the manager, who approves them. Bakers log their shifts.');
    expect(names).toContain('request');
    expect(names.some((name) => /holiday|sick/.test(name))).toBe(false);
  });

  it('drops words of how much is left or allowed ("remaining", "unlimited") from names', () => {
    const names = tables("Climbing gym app. Climbers buy an unlimited pass or a ten-visit card at the desk, and staff see each climber's remaining visits.");
    expect(names).toContain('pass');
    expect(names.some((name) => /unlimited|remaining/.test(name))).toBe(false);
  });
});

describe('days and months are times', () => {
  it('reads a range of months as when, not a table', () => {
    const names = tables('Allotment society app. Members rent a plot for the season (26 weeks, April–September) and pay a fee. The committee tracks each plot.');
    expect(names).toContain('plot');
    expect(names.some((name) => /april|september/.test(name))).toBe(false);
  });
});

describe('a detail said as "which X" points at a record X', () => {
  it('keeps the freezers a sample is said to sit in', () => {
    expect(tables('Every sample (tube id, volume, which freezer it sits in) and its aliquots; technicians defrost the freezers monthly.')).toContain('freezer');
  });

  it('keeps the warehouses a cask is said to sit in', () => {
    expect(tables('Every cask (spirit, fill date, which warehouse it sits in) and its samples; the owner inspects warehouses yearly.')).toContain('warehouse');
  });

  it('keeps a time said as "which" a value', () => {
    expect(tables('Each shift (start time, role, which weekday it repeats on) and volunteers swap weekdays with each other.')).not.toContain('weekday');
  });
});

describe('an example named by a proper name is one of the rows', () => {
  const columns = (spec: string, entity: string) => readIdea({ spec }).entities.find((e) => e.name === entity)?.attributes.map((a) => a.name) ?? [];

  it('reads "households, like \'The Rossi family\'" as a household, not a column', () => {
    expect(columns("Guests get invited as households, like 'The Rossi family' with 4 people. Each household gets a code and RSVPs online.", 'household').filter((name) => /rossi|family/.test(name))).toEqual([]);
  });

  it('reads pitches "like Meadow or Lakeside" as pitches by name, not columns', () => {
    expect(columns('Campers book pitches, like Meadow or Lakeside, for some nights.', 'pitch').filter((name) => /meadow|lakeside/.test(name))).toEqual([]);
  });
});
