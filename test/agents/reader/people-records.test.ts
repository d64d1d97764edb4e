import { describe, expect, it } from 'vitest';
import { readIdea } from '../../../src/agents/reader/read.js';

/**
 * People the idea keeps records about who also sign in are both a role and an entity of the same
 * name, the role's record (CONTRACT 2a). Sentences written for these tests, none of them from the corpora.
 */
const reading = (spec: string) => {
  const model = readIdea({ spec });
  return { roles: model.roles.map((r) => r.name), entities: model.entities.map((e) => e.name) };
};

describe('people kept as records who also sign in', () => {
  it('a grooming salon keeps its customers’ details, and customers log in to see their appointments', () => {
    const { roles, entities } = reading('We run a dog grooming salon. We keep records of our customers (name, phone, address) and their dogs. Customers can log in to see their upcoming grooming appointments.');
    expect(roles).toContain('customer');
    expect(entities).toContain('customer');
  });

  it('a music school keeps a file on every student, and students log in to see their lessons', () => {
    const { roles, entities } = reading('A music school keeps a file on every student with their instrument, level and a parent phone number. Students log in to see their lesson schedule and practice notes from their teacher.');
    expect(roles).toContain('student');
    expect(entities).toContain('student');
  });

  it('a driving school counts its learners, and learners sign in to book lessons', () => {
    const { roles, entities } = reading('Our driving school has about 80 learners on the books. Each learner has a licence number and a theory test date. Learners sign in to book driving lessons and see their progress.');
    expect(roles).toContain('learner');
    expect(entities).toContain('learner');
  });

  it('a boat club keeps a member register, and members get a portal to see their mooring invoices', () => {
    const { roles, entities } = reading('A boat club app. The treasurer keeps the sailor register: name, boat name, mooring number. Sailors get a portal where they see their mooring invoices and pay them.');
    expect(roles).toContain('sailor');
    expect(entities).toContain('sailor');
  });

  it('keeps people who only sign in as a role, and people who never sign in as a record', () => {
    const market = reading('A tutoring marketplace where tutors log in, create a profile and publish lessons; students book lessons.');
    expect(market.roles).toEqual(expect.arrayContaining(['tutor', 'student']));
    expect(market.entities).not.toContain('tutor');
    expect(market.entities).not.toContain('student');
    const clinic = reading('A physio clinic app. Patients never log in; the physios keep their records with name, birth date and injuries, and plan treatment sessions.');
    expect(clinic.entities).toContain('patient');
    expect(clinic.roles).not.toContain('patient');
  });
});

describe('people the business counts in the tens, whoever signs in', () => {
  it('a dance school with about 90 pupils keeps them, though parents sign them up', () => {
    const { roles, entities } = reading('I run a small dance school with 3 teachers and about 90 pupils. Parents sign up their children for classes and pay per term, and pupils can see their timetable.');
    expect(entities).toContain('pupil');
    expect(roles).toContain('parent');
  });

  it('a handful of staff counted stays a role', () => {
    const { roles, entities } = reading('A bakery with 4 bakers. Bakers see the orders for the morning and mark each one baked.');
    expect(roles).toContain('baker');
    expect(entities).not.toContain('baker');
  });
});

describe('people the business bills', () => {
  it('a window cleaner invoices each client: the clients are kept, and still book online', () => {
    const { roles, entities } = reading('I clean windows around town. Clients book a clean online and pick a date, and I invoice each client at the end of the month.');
    expect(entities).toContain('client');
    expect(roles).toContain('client');
  });

  it('tenants who get billed monthly are kept, and still sign in', () => {
    const { roles, entities } = reading('Storage unit rentals: renters pick a unit and book it online, and renters get billed monthly for the unit until they move out.');
    expect(entities).toContain('renter');
    expect(roles).toContain('renter');
  });

  it('people who only pay in the product stay a role', () => {
    const { roles, entities } = reading('A yoga studio app: students book classes and pay by card online.');
    expect(roles).toContain('student');
    expect(entities).not.toContain('student');
  });
});

describe('a list named after people', () => {
  it('a customer list with addresses keeps the customers, who also approve quotes', () => {
    const { roles, entities } = reading('App for my roofing firm: customer list with phone numbers and several site addresses per customer. The office creates a job, and the customer approves the quote on the roofer’s tablet.');
    expect(entities).toContain('customer');
    expect(roles).toContain('customer');
  });

  it('a guest list with details keeps the guests, whom the couple updates', () => {
    const { entities } = reading('Wedding planner app: for each wedding a guest list with RSVP and meal choice. Couples log in to update guests and the seating plan.');
    expect(entities).toContain('guest');
  });

  it('people who register something are not a register', () => {
    const { entities } = reading('Parents register their kids for holiday camps and pay online.');
    expect(entities).not.toContain('parent');
  });
});

describe('a record made for one person', () => {
  it('a dietitian writes a meal plan for a client: the clients are kept, and still sign in', () => {
    const { roles, entities } = reading('App for my dietitian practice. Clients book consultations online. After the first consultation the dietitian writes a meal plan for the client, and clients can log their meals every day.');
    expect(entities).toContain('client');
    expect(roles).toContain('client');
  });

  it('a kind of thing meant for several people keeps no table of them', () => {
    const { roles, entities } = reading('Delivery company app. The dispatcher creates shifts for the drivers each week, and drivers pick the shifts they want.');
    expect(roles).toContain('driver');
    expect(entities).not.toContain('driver');
  });
});

describe('people someone enters into the product', () => {
  it('a school imports its pupils with their class: the pupils are kept, and still sign in', () => {
    const { roles, entities } = reading('Homework app for our school. We import pupils with their class and form tutor at the start of the year. Pupils hand in homework online and see their marks.');
    expect(entities).toContain('pupil');
    expect(roles).toContain('pupil');
  });

  it('a swimming club whose coaches enrol swimmers keeps the swimmers', () => {
    const { entities } = reading('Swimming club app: coaches enrol swimmers in squads, and swimmers check the training plan on their phone.');
    expect(entities).toContain('swimmer');
  });
});
