import { describe, expect, it } from 'vitest';
import { readIdea } from '../../../src/agents/reader/read.js';

/** False tables and roles, by class: sentences written for these tests, none of them from the corpus. */
const tables = (spec: string): string[] => readIdea({ spec }).entities.map((e) => e.name);
const roles = (spec: string): string[] => readIdea({ spec }).roles.map((r) => r.name);

describe('figures a report computes are not tables', () => {
  it('reads a rate as a figure (a library)', () => {
    const spec = 'An app for our lending library. Members borrow books and librarians record each loan with a due date. Reports: loans per branch per month and the late-return rate.';
    expect(tables(spec)).toContain('loan');
    expect(tables(spec).some((t) => t.endsWith('rate'))).toBe(false);
  });

  it('reads a cancellation rate as a figure (a tennis club)', () => {
    const spec = 'Tennis club app. Members book courts and coaches give lessons. Reports: bookings per court per week and the cancellation rate.';
    expect(tables(spec)).toContain('court');
    expect(tables(spec).filter((t) => t.endsWith('rate'))).toEqual([]);
  });

  it('reads a ratio as a figure (a gym)', () => {
    const spec = 'Gym app: members book classes, trainers log attendance, and the manager sees the attendance ratio per class each week.';
    expect(tables(spec).filter((t) => t.endsWith('ratio'))).toEqual([]);
  });
});

describe('a heading over prose that never names it again titles a section', () => {
  it('drops "Equipment:" over a paragraph about boats and engines (a marina)', () => {
    const spec = 'Marina office app.\n\nEquipment: each berth has a power point and a water tap, and boats are moored at one berth per season.\n\nBoats: owner, length, name.';
    expect(tables(spec)).not.toContain('equipment');
    expect(tables(spec)).toContain('berth');
  });

  it('drops "Production:" over prose (a bakery)', () => {
    const spec = 'Bakery orders app.\n\nProduction: every evening the baker prints the orders for the next morning and packs them by route.\n\nOrders: customer, pickup date, items.';
    expect(tables(spec)).toEqual(['order']);
  });

  it('keeps a heading that lists details, and one named again below it (a garden centre)', () => {
    const spec = 'Garden centre stock app.\n\nPlants: latin name, common name, price, pot size.\n\nDeliveries: each delivery comes from one nursery with a delivery note.';
    expect(tables(spec)).toEqual(expect.arrayContaining(['plant', 'delivery']));
  });
});

describe('the record kept about a thing is the thing', () => {
  it('reads "Student file:" as the students (a music school)', () => {
    const spec = 'Music school admin app. Parents never log in; teachers do everything.\n\nStudent file: name, instrument, grade, parent phone. Teachers log each lesson for a student.';
    expect(tables(spec)).not.toContain('student_file');
    expect(tables(spec)).toContain('student');
  });

  it('reads "Vehicle record:" as the vehicles (a garage)', () => {
    const spec = 'Garage workshop app. Vehicle record: plate, make, model, owner phone. Mechanics log each repair on a vehicle and we invoice it.';
    expect(tables(spec)).not.toContain('vehicle_record');
    expect(tables(spec)).toContain('vehicle');
  });

  it('reads "Member profile:" as the members (a rowing club)', () => {
    const spec = 'Rowing club app. Member profile: name, date of birth, swim level. Members book boats and coaches approve each booking.';
    expect(tables(spec)).not.toContain('member_profile');
    expect(tables(spec)).toContain('member');
  });
});

describe('kinds of a thing listed as examples are the thing', () => {
  it('reads "every drill and sander" as tools (a tool library)', () => {
    const spec = 'Tool library app. Every drill and sander has a barcode, a brand and a purchase date. Staff lend tools to members and log each loan.';
    const made = tables(spec);
    expect(made).toContain('tool');
    expect(made.filter((t) => /drill|sander/.test(t))).toEqual([]);
  });

  it('reads "each truck and minibus" as vehicles (a removals firm)', () => {
    const spec = 'Removals firm planner. Each truck and minibus has a plate, a capacity and an MOT date. Vehicles are booked for jobs, and every job has an address and a crew.';
    const made = tables(spec);
    expect(made).toContain('vehicle');
    expect(made.filter((t) => /^(truck|minibus)$/.test(t))).toEqual([]);
  });

  it('keeps kinds the idea names only as kinds (a pet clinic)', () => {
    const spec = 'Vet clinic app. Owners register their dogs and cats, and vets record each visit.';
    expect(tables(spec)).not.toContain('animal');
  });
});

describe('a seldom-kept word beside a kept one with the same qualifier is that one', () => {
  it('reads a reported "billing problem" as the "billing request" that is assigned (a utility)', () => {
    const spec = 'As a customer, I want to report a billing problem with a description and a screenshot. As an agent, I want to assign a billing request to a colleague and close it.';
    expect(tables(spec)).not.toContain('billing_problem');
    expect(tables(spec)).toContain('billing_request');
  });

  it('reads a reported "room problem" as the "room request" (a hotel)', () => {
    const spec = 'Hotel housekeeping app: guests report a room problem from their phone with a photo, and the supervisor assigns each room request to a housekeeper.';
    expect(tables(spec)).not.toContain('room_problem');
  });

  it('reads a reported "network issue" as the "network ticket" (an office IT desk)', () => {
    const spec = 'Office IT desk: staff report a network problem with the floor and a description, and the technician picks up each network ticket and closes it.';
    expect(tables(spec)).not.toContain('network_problem');
  });
});

describe('people described, not kinds of people, are not tables', () => {
  it('reads "people writing in" as people, not a table (a web shop)', () => {
    const spec = 'Support desk for our web shop: one shop can have dozens of people writing in. Agents answer each ticket.';
    expect(tables(spec).filter((t) => t.startsWith('people'))).toEqual([]);
  });

  it('reads "the on-duty safety person" as the safety role, not a table (a factory)', () => {
    const spec = 'Factory incident app. Roles: safety, supervisor, admin. When an operator reports an incident, create an alert and text + email the on-duty safety person. They must acknowledge it.';
    expect(tables(spec).filter((t) => t.endsWith('person'))).toEqual([]);
    expect(roles(spec).filter((r) => r.endsWith('person'))).toEqual([]);
    expect(roles(spec)).toContain('safety');
  });

  it('reads "one of the seniors" as a description of the carers, not a table (a care home)', () => {
    const spec = 'Care home rota. Only the office uses the app: me and a scheduler. Carers never log in, they are just names with a phone. Carers work shifts, and one of the seniors always leads the night shift.';
    expect(tables(spec)).not.toContain('senior');
    expect(tables(spec)).toContain('carer');
  });

  it('reads "families have two or three children" as a description, not a table (a swim coach)', () => {
    const spec = "I'm a swim coach and I'm the only person who will ever log in. I keep a record for each swimmer (age, level, best times), and some families have two or three children with me. Each month I send one invoice per family.";
    const made = tables(spec);
    expect(made).toContain('swimmer');
    expect(made).not.toContain('child');
    expect(roles(spec)).not.toContain('family');
  });
});

describe('things are not people', () => {
  it('reads "every scanner, printer and monitor" as devices, not a monitor role (a school)', () => {
    const spec = 'School IT inventory that only the IT team logs into. Every scanner, printer and monitor has a serial number and a room. Devices are lent to teachers and we keep who had which device.';
    expect(roles(spec)).not.toContain('monitor');
    expect(roles(spec)).toContain('admin');
  });

  it('reads "reps" listed with sets and weights as an attribute, not people (a strength coach)', () => {
    const spec = 'Strength coach app. For each client the coach picks lifts from the library and sets the sets, reps, weight and rest time, and clients log each workout.';
    expect(tables(spec)).not.toContain('rep');
    expect(roles(spec)).not.toContain('rep');
  });

  it('reads a "monitoring dashboard" as what it shows, not a monitor role (an air quality network)', () => {
    const spec = 'We need an air-quality monitoring dashboard: each station has sensors that push a reading every minute, and analysts flag bad readings.';
    expect(roles(spec)).not.toContain('monitor');
    expect(roles(spec)).not.toContain('sensor');
  });
});

describe('"records of" or "a file of" something is that something, not a table of records', () => {
  it('reads records of the customers as the customers (a grooming salon)', () => {
    const spec = 'We keep records of our customers and their pets. Customers book grooming appointments.';
    expect(tables(spec)).not.toContain('record');
    expect([...tables(spec), ...roles(spec)]).toContain('customer');
  });

  it('reads a record of each patient as the patients (a clinic)', () => {
    const spec = 'The clinic keeps a record of each patient and their visits. Nurses log visits.';
    expect(tables(spec)).not.toContain('record');
    expect(tables(spec)).toContain('visit');
    expect([...tables(spec), ...roles(spec)]).toContain('patient');
  });

  it('reads a file of every matter as the matters (a law office)', () => {
    const spec = 'Lawyers keep a file of every matter with its documents, and paralegals log court dates on each matter.';
    expect(tables(spec)).not.toContain('file');
    expect(tables(spec)).toContain('matter');
  });
});
