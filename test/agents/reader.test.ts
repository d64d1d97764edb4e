import { describe, expect, it } from 'vitest';
import { readSpec } from '../../src/agents/reader/read.js';
import type { ProductModel } from '../../src/agents/model.js';
import { parseReference } from '../../src/agents/reader/reference.js';
import { SPEC_CASES, specOfWords } from '../fixtures/specs.js';

/** Table names no reader would give a product's records. */
const ABSURD = [
  'thing', 'way', 'user_experience', 'experience', 'app', 'application', 'platform', 'system', 'data', 'time', 'end',
  'list', 'code', 'real_time', 'statistic', 'statistics', 'dashboard', 'report', 'email', 'notification', 'map',
  'search', 'mobile', 'billing', 'pricing', 'them', 'it', 'stripe', 'google', 'csv', 'total',
  'user', 'member', 'admin', 'teacher', 'student', 'customer', 'seller', 'buyer', 'reader', 'writer', 'rep', 'sales_rep',
];

const model = (id: string): ProductModel => {
  const found = SPEC_CASES.find((c) => c.id === id);
  if (!found) throw new Error(`no spec case ${id}`);
  return readSpec(found.input);
};
const entity = (m: ProductModel, name: string) => m.entities.find((e) => e.name === name);
const attribute = (m: ProductModel, entityName: string, name: string) => entity(m, entityName)?.attributes.find((a) => a.name === name);

describe('readSpec on the varied specs', () => {
  for (const spec of SPEC_CASES) {
    describe(spec.id, () => {
      const m = readSpec(spec.input);

      it('finds every entity a reader would name', () => {
        expect(m.entities.map((e) => e.name)).toEqual(expect.arrayContaining(spec.expect.entities));
      });

      it('finds every role, named as the spec first names it', () => {
        // "Salon owners" reads as salon_owner where the fixture says owner: the role keeps the spec's words.
        for (const role of spec.expect.roles) {
          expect(m.roles.map((r) => r.name).some((n) => n === role || n.endsWith(`_${role}`)), `role ${role} in ${m.roles.map((r) => r.name).join(', ')}`).toBe(true);
        }
      });

      it('finds the relationships and integrations', () => {
        for (const r of spec.expect.relationships ?? []) {
          expect(m.relationships).toContainEqual(expect.objectContaining({ from: r.from, to: r.to, kind: r.kind }));
        }
        expect(m.integrations.map((i) => i.kind)).toEqual(expect.arrayContaining(spec.expect.integrations ?? []));
      });

      it('makes no absurd tables and gives every table a display attribute', () => {
        for (const e of m.entities) {
          expect(ABSURD, `absurd entity ${e.name}`).not.toContain(e.name);
          expect(e.attributes.some((a) => ['name', 'title', 'prompt', 'body', 'stars', 'label'].includes(a.name)), `display attribute of ${e.name}`).toBe(true);
          expect(e.name).toMatch(/^[a-z][a-z0-9_]*$/);
          expect(e.plural).toMatch(/^[a-z][a-z0-9_]*$/);
        }
      });

      it('keeps relationships between known entities and roles', () => {
        const names = new Set([...m.entities.map((e) => e.name), ...m.roles.map((r) => r.name)]);
        for (const r of m.relationships) {
          expect(names.has(r.from) && names.has(r.to), `${r.from} -> ${r.to}`).toBe(true);
          if (r.kind === 'many-to-many') expect(r.through).toMatch(/^[a-z_]+$/);
        }
      });

      it('reads it as English', () => {
        expect(m.assumptions.join(' ')).not.toMatch(/could not be read as English/);
      });
    });
  }
});

describe('readSpec details', () => {
  it('reads attributes from "with a title, a time limit and a list of questions"', () => {
    const m = model('quiz');
    expect(attribute(m, 'quiz', 'title')).toMatchObject({ kind: 'text', required: true });
    expect(['duration', 'integer']).toContain(attribute(m, 'quiz', 'time_limit')?.kind);
    expect(attribute(m, 'quiz', 'questions')).toBeUndefined();
    expect(attribute(m, 'quiz', 'code')).toBeDefined();
    expect(m.name).toBe('QuizMaster');
    expect(m.roles.find((r) => r.name === 'teacher')?.capabilities).toContainEqual(expect.objectContaining({ verb: 'create', entity: 'quiz' }));
  });

  it('reads listed values as enums', () => {
    expect(attribute(model('project-management'), 'task', 'status')).toMatchObject({ kind: 'enum', enumValues: ['todo', 'in_progress', 'done'] });
    expect(attribute(model('booking'), 'appointment', 'status')?.enumValues).toEqual(['pending', 'confirmed', 'cancelled', 'completed']);
    expect(attribute(model('crm'), 'deal', 'stage')?.enumValues).toEqual(['lead', 'qualified', 'proposal', 'won', 'lost']);
    expect(attribute(model('inventory'), 'stock_movement', 'type')?.enumValues).toEqual(['receipt', 'transfer', 'adjustment', 'shipment']);
  });

  it('infers kinds from attribute names', () => {
    const booking = model('booking');
    expect(attribute(booking, 'service', 'price')?.kind).toBe('money');
    expect(attribute(booking, 'review', 'rating')?.kind).toBe('rating');
    expect(attribute(booking, 'salon', 'photos')?.kind).toBe('image');
    const crm = model('crm');
    expect(attribute(crm, 'deal', 'value')?.kind).toBe('money');
    expect(attribute(crm, 'contact', 'email')?.kind).toBe('email');
    expect(attribute(crm, 'deal', 'expected_close_date')?.kind).toBe('date');
    const fitness = model('fitness-studio');
    expect(attribute(fitness, 'class', 'start_time')?.kind).toBe('datetime');
    expect(attribute(fitness, 'class', 'capacity')?.kind).toBe('integer');
    expect(attribute(model('inventory'), 'product', 'sku')).toMatchObject({ unique: true });
  });

  it('links records to people and finds many-to-many pairs', () => {
    const pm = model('project-management');
    expect(pm.relationships).toContainEqual(expect.objectContaining({ from: 'project', to: 'member', kind: 'many-to-many', through: 'project_member' }));
    expect(pm.entities.map((e) => e.name)).not.toContain('member');
    expect(pm.roles.find((r) => r.name === 'admin')).toMatchObject({ admin: true });
    expect(model('crm').relationships).toContainEqual(expect.objectContaining({ from: 'sales_rep', to: 'deal' }));
    expect(model('publishing').relationships).toContainEqual(expect.objectContaining({ from: 'article', to: 'tag', kind: 'many-to-many', through: 'article_tag' }));
    // "pick a service and a stylist, and book an appointment".
    expect(model('booking').relationships).toContainEqual(expect.objectContaining({ from: 'service', to: 'appointment', kind: 'one-to-many' }));
  });

  it('names providers the spec states and defaults the rest', () => {
    expect(model('crm').integrations).toContainEqual(expect.objectContaining({ kind: 'oauth', provider: 'Google', stated: true }));
    expect(model('booking').integrations).toContainEqual(expect.objectContaining({ kind: 'payments', provider: 'Stripe', stated: true }));
    expect(model('booking').integrations).toContainEqual(expect.objectContaining({ kind: 'sms', provider: 'Twilio', stated: false }));
    // "rank well in search engines" is SEO, not a search feature.
    const publishing = model('publishing');
    expect(publishing.integrations.filter((i) => i.kind === 'search')).toHaveLength(1);
    expect(publishing.needs).toContainEqual(expect.objectContaining({ category: 'performance', source: 'stated' }));
  });

  it('reads sign-in named by its provider, and a service the idea refuses or puts off', () => {
    const habits = readSpec({ spec: 'A habit tracker where people tick off habits every day. Mobile first, Google login via Supabase.' });
    expect(habits.integrations).toContainEqual(expect.objectContaining({ kind: 'oauth', provider: 'Google', stated: true }));
    const bar = readSpec({ spec: 'Guests order dishes from their phones at the table. At the end a waiter brings the card machine, so no online payment for now.' });
    expect(bar.integrations.map((i) => i.kind)).not.toContain('payments');
    expect(bar.features).toContainEqual(expect.objectContaining({ text: 'online payment', priority: 'wont' }));
    const shop = readSpec({ spec: 'Customers order cakes and pay online by card.' });
    expect(shop.integrations.map((i) => i.kind)).toContain('payments');
  });

  it('reads no feature from who someone is ("the parents are the ones who pay"), and keeps the capitals of enum values', () => {
    const tutor = readSpec({ spec: "I'm a maths tutor and the only person who logs in. I want a file on each student (school, year group) plus the parents' contact details, because the parents are the ones who pay." });
    expect(tutor.features.map((f) => f.text)).not.toContainEqual(expect.stringMatching(/\bones\b/));
    const it = readSpec({ spec: 'Our IT team tracks laptops and the employees who hold them. We also pay for software licences (Adobe, JetBrains, Figma), each with a fixed number of seats, and want to see which employees hold a seat.' });
    const type = it.entities.find((e) => e.name === 'software_licence')?.attributes.find((a) => a.name === 'type');
    expect(type?.enumValues).toEqual(['adobe', 'jetbrains', 'figma']);
    expect(type?.enumLabels).toEqual({ adobe: 'Adobe', jetbrains: 'JetBrains', figma: 'Figma' });
  });

  it('names the product the idea heads with its name before a colon or a dash, and no other word so written', () => {
    expect(readSpec({ spec: 'ReadUp: matching volunteer tutors with kids who need help with reading. Tutors log sessions.' }).name).toBe('ReadUp');
    expect(readSpec({ spec: 'Project: TripSlip — permission slips for school trips. Parents sign slips.' }).name).toBe('TripSlip');
    expect(readSpec({ spec: 'Goal: teachers collect permission slips for school trips. Parents sign slips.' }).name).not.toBe('Goal');
  });

  it('names the product by the title the idea opens with ("Desk booking for our coworking space"), never by a person or a thing it compares to', () => {
    expect(readSpec({ spec: 'Desk booking for our coworking space: members book hot desks or meeting rooms by the hour.' }).name).toBe('Desk booking');
    expect(readSpec({ spec: 'Housekeeping board for a 120-room hotel. Housekeepers mark rooms clean.' }).name).toBe('Housekeeping board');
    expect(readSpec({ spec: 'Splitwise for our flat: whoever paid a bill adds it and splits it between the flatmates.' }).name).not.toMatch(/Splitwise/);
    expect(readSpec({ spec: 'Members of our club book courts for an hour.' }).name).not.toMatch(/Members/);
  });

  it('reads stated needs and adds the baseline', () => {
    const pm = model('project-management');
    expect(pm.needs).toContainEqual(expect.objectContaining({ category: 'accessibility', source: 'stated' }));
    expect(pm.needs).toContainEqual(expect.objectContaining({ category: 'usability', source: 'stated' }));
    expect(pm.needs).toContainEqual(expect.objectContaining({ category: 'security', source: 'default' }));
    expect(model('crm').needs.map((n) => n.category)).toContain('privacy');
    expect(model('fitness-studio').needs.map((n) => n.category)).toContain('offline');
  });

  it('reads constraints', () => {
    const m = readSpec({ spec: 'A recipe sharing app where cooks post recipes with photos. It must use Supabase and there is no native app.' });
    expect(m.constraints.join(' ')).toMatch(/must use Supabase/);
    expect(m.entities.map((e) => e.name)).toContain('recipe');
  });

  it('uses the structured fields', () => {
    const m = model('structured-only');
    expect(m.name).toBe('PetPal');
    expect(m.segments).toEqual(['Dog and cat owners', 'Independent veterinary clinics']);
    expect(m.problems).toHaveLength(2);
    expect(m.metrics).toHaveLength(2);
    expect(m.domain).toBe('pet care');
  });

  it('names the product from the text when no name is given', () => {
    expect(model('project-management').name).toBe('TaskFlow');
    expect(model('booking').name).toBe('Booking platform');
    expect(model('project-management').segments).toEqual(['Small agencies']);
  });

  it('reads specs outside the fixtures', () => {
    const learning = readSpec({
      spec: 'A learning platform where instructors publish courses made of lessons. Students enroll in courses. Sign up with email and password.',
    });
    expect(learning.name).toBe('Learning platform');
    expect(learning.relationships).toContainEqual(expect.objectContaining({ from: 'course', to: 'lesson', kind: 'one-to-many' }));
    expect(learning.entities.map((e) => e.name)).toEqual(expect.arrayContaining(['course', 'lesson', 'enrollment']));
    expect(learning.integrations.map((i) => i.kind)).not.toContain('oauth');

    const clinic = readSpec({ spec: 'Receptionists manage patients. Each patient has a name, a date of birth, a phone number and insurance details.' });
    expect(attribute(clinic, 'patient', 'date_of_birth')?.kind).toBe('date');
    expect(attribute(clinic, 'patient', 'phone_number')?.kind).toBe('phone');
    expect(attribute(clinic, 'patient', 'insurance_details')).toBeDefined();

    // "cooks" is in no list of people, but cooks post recipes.
    const recipes = readSpec({ spec: 'A recipe sharing community. Cooks post recipes with ingredients, steps, a cooking time and photos.' });
    expect(recipes.roles.map((r) => r.name)).toEqual(['cook']);
    expect(attribute(recipes, 'recipe', 'cooking_time')?.kind).toBe('duration');
    expect(attribute(recipes, 'recipe', 'photos')?.kind).toBe('image');

    // "invoice" can be a verb ("invoice clients"), but "and each invoice has ..." opens a clause about invoices.
    const invoicing = readSpec({ spec: 'An invoicing app for freelancers. Users upload invoices and each invoice has a due date and an amount.' });
    expect(invoicing.entities.map((e) => e.name)).toContain('invoice');
    expect(invoicing.entities.map((e) => e.name).filter((name) => name.includes(' '))).toEqual([]);
    expect(attribute(invoicing, 'invoice', 'due_date')?.kind).toBe('date');
    expect(attribute(invoicing, 'invoice', 'amount')).toBeDefined();
  });

  it('reads acts asked of others, gestures, ticking off and trackers', () => {
    const names = (spec: string) => readSpec({ spec }).entities.map((e) => e.name);
    // "want members to pre-book": the members book, and they sign in to do it.
    const studio = readSpec({ spec: 'I teach pottery and want members to pre-book their wheel sessions and pay by card.' });
    expect(studio.entities.map((e) => e.name)).toEqual(expect.arrayContaining(['payment']));
    expect(studio.entities.map((e) => e.name).some((name) => /session|booking/.test(name))).toBe(true);
    expect(studio.roles.map((r) => r.name)).toContain('member');
    // A swipe to dismiss is a gesture; people swiping on something keep swipes.
    expect(names('A reading list app. Users save articles and swipe left to delete one.')).not.toContain('swipe');
    expect(names('Students swipe right on tutors they like, and a match opens a chat.')).toContain('swipe');
    // Ticking off is a record of its own, named after what is ticked; a record marked done has a status.
    expect(names('Cleaners tick off the checklist of each flat after a clean.')).toContain('checklist_completion');
    expect(names('A medication tracker: I list my pills and every evening I mark today as done.')).toEqual(expect.arrayContaining(['pill', 'completion']));
    // An organisation speaking runs its product: with no role of power named, an admin gives the roles.
    const library = readSpec({ spec: 'Our village library wants an app: members borrow books and volunteers check them back in.' });
    expect(library.roles.find((r) => r.name === 'admin')).toMatchObject({ privileged: true, selfSignup: false });
    expect(readSpec({ spec: 'Members borrow books and volunteers check them back in.' }).roles.map((r) => r.name)).not.toContain('admin');
    // Office staff keep the business's records for everyone; owners of things of their own are not the business's owner.
    const powers = (spec: string) => Object.fromEntries(readSpec({ spec }).roles.map((r) => [r.name, r.privileged]));
    expect(powers('A grooming salon: the receptionist books dogs into slots and groomers write notes.')).toMatchObject({ receptionist: true, groomer: false });
    expect(powers('Dispatchers assign deliveries to couriers, who mark them delivered.')).toMatchObject({ dispatcher: true, courier: false });
    expect(powers('Owners list their boats and renters book them for a weekend.')).toMatchObject({ owner: false });
    expect(powers('Renters book boats and the owner approves every booking.')).toMatchObject({ owner: true });
    // A list people join one by one keeps an entry each, whatever the tagger makes of "waitlist".
    expect(names('Diners reserve tables, and when we are full they join a waitlist.')).toContain('waitlist');
    // A payment pays for what is reserved; what was picked for the reservation is the reservation's.
    const camp = readSpec({ spec: 'Campers reserve a pitch for some nights and pay online with a card.' });
    expect(camp.relationships).toContainEqual(expect.objectContaining({ from: 'reservation', to: 'payment' }));
    expect(camp.relationships).not.toContainEqual(expect.objectContaining({ from: 'pitch', to: 'payment' }));
    // Days and months are when, never tables.
    expect(names('Members vote every Thursday, and in September we close the season.').filter((n) => /thursday|september/.test(n))).toEqual([]);
    // "add each one": one by one, the plural named before.
    expect(names('app for my vinyl records lol. i have like 300, want to add each one with the cover + the year')).toContain('vinyl_record');
    // A tracker is the product, not a person: a "mood tracker" keeps moods.
    expect(names('Build me a calm mood tracker with a chart of the last 30 days.')).toContain('mood');
  });

  it("keeps the spec's acronyms in labels, not in names", () => {
    const help = readSpec({ spec: 'A help center. Support agents write FAQ entries with a question and an answer. Customers browse FAQ entries.' });
    const entry = help.entities.find((e) => e.name === 'faq_entry');
    expect(entry).toMatchObject({ plural: 'faq_entries', label: 'FAQ entry', pluralLabel: 'FAQ entries' });
    expect(attribute(model('inventory'), 'product', 'sku')?.label).toBe('SKU');
    // Capitals that are ordinary words are not acronyms.
    const shouting = readSpec({ spec: 'A notes app. Users MUST be able to write notes and share them with US customers.' });
    expect(shouting.entities.find((e) => e.name === 'note')?.label).toBe('Note');
  });

  it('is deterministic', () => {
    const spec = SPEC_CASES[1]!.input;
    expect(JSON.stringify(readSpec(spec))).toBe(JSON.stringify(readSpec(spec)));
  });
});

describe('readSpec on unreadable input', () => {
  const generic = (m: ProductModel): void => {
    expect(m.roles).toEqual([expect.objectContaining({ name: 'user', primary: true })]);
    expect(m.entities.length).toBeGreaterThan(0);
    for (const e of m.entities) expect(ABSURD).not.toContain(e.name);
    expect(m.assumptions.length).toBeGreaterThan(0);
  };

  it('says gibberish could not be read', () => {
    const m = readSpec({ spec: 'asdf qwer zxcv' });
    expect(m.assumptions.join(' ')).toMatch(/could not be read as English/);
    expect(m.assumptions.join(' ')).toMatch(/could not be read/);
    generic(m);
  });

  it('says French and Japanese could not be read', () => {
    const french = readSpec({
      spec: 'Une application pour les enseignants qui créent des quiz avec un titre et une limite de temps. Les élèves rejoignent le quiz avec un code et voient leur score à la fin.',
    });
    expect(french.assumptions.join(' ')).toMatch(/could not be read as English/);
    generic(french);
    const japanese = readSpec({ spec: '先生がクイズを作成し、生徒が参加して点数を確認できるアプリです。' });
    expect(japanese.assumptions.join(' ')).toMatch(/could not be read as English/);
    generic(japanese);
  });

  it('handles a one-word idea', () => {
    const m = readSpec({ spec: 'app' });
    generic(m);
    const todo = readSpec({ spec: 'a todo app' });
    expect(todo.assumptions.join(' ')).not.toMatch(/could not be read as English/);
    expect(todo.entities[0]?.name).toBe('todo');
  });

  it('reads a 5,000-word spec', () => {
    const spec = specOfWords(5_000);
    const m = readSpec({ spec });
    expect(m.entities.map((e) => e.name)).toEqual(expect.arrayContaining(['project', 'task', 'quiz', 'order_item', 'purchase_order']));
    for (const e of m.entities) expect(ABSURD).not.toContain(e.name);
  });
});

describe('parseReference', () => {
  it.each([
    ['projects.id', { schema: 'public', table: 'projects', column: 'id' }],
    ['public.projects.id', { schema: 'public', table: 'projects', column: 'id' }],
    ['projects(id)', { schema: 'public', table: 'projects', column: 'id' }],
    ['public.projects (code)', { schema: 'public', table: 'projects', column: 'code' }],
    ['auth.users.id', { schema: 'auth', table: 'users', column: 'id' }],
    ['projects', { schema: 'public', table: 'projects', column: 'id' }],
  ])('reads %s', (reference, expected) => {
    expect(parseReference(reference)).toEqual(expected);
  });

  it('reads nothing from an empty reference', () => {
    expect(parseReference(undefined)).toBeUndefined();
    expect(parseReference(' . ')).toBeUndefined();
  });
});
