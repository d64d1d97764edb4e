import { describe, expect, it } from 'vitest';
import { readIdea } from '../../../src/agents/reader/read.js';

/**
 * How the reader ties the records it finds: each case is a rule of English or of products, told
 * in sentences written for these tests (none of them from the corpus).
 */
const linked = (spec: string, from: string, to: string, kind?: 'one-to-many' | 'many-to-many') => {
  const model = readIdea({ spec });
  const found = model.relationships.find((r) => r.from === from && r.to === to);
  expect(found, `${from} -> ${to} in ${model.relationships.map((r) => `${r.from}->${r.to}`).join(', ')}`).toBeDefined();
  if (kind) expect(found!.kind).toBe(kind);
};

describe('the relation reader', () => {
  it('ties a record to the one it is converted into ("when we accept an enquiry it is converted into a booking")', () => {
    linked('Venue app: guests send an enquiry with dates and a budget, and when we accept an enquiry it is converted into a booking.', 'enquiry', 'booking');
  });

  it('ties a record to the one it becomes ("a failed inspection becomes an incident")', () => {
    linked('Kitchen safety app: inspectors log inspections with a date and a score. A failed inspection becomes an incident that the shift lead must close.', 'inspection', 'incident');
  });

  it('puts labels on the records the idea says they are put on, many to many', () => {
    linked('A recipe notebook: cooks save recipes, and admins maintain the list of labels (vegan, quick, cheap) we put on recipes.', 'label', 'recipe', 'many-to-many');
  });

  it('puts a record in the stage it moves between ("the repairs move between stages")', () => {
    linked('Repair shop: we log repairs with a device and a fault, and the repairs move between stages (received, diagnosed, fixed).', 'stage', 'repair');
  });

  it('gives a record what its makers choose for it ("create an assignment ... and pick a class")', () => {
    linked('Homework app: teachers create an assignment with a due date and pick a class.', 'class', 'assignment');
  });

  it('gives a record done on the spot what is chosen while doing it ("do an inspection: choose the room")', () => {
    linked('Hotel housekeeping: every morning cleaners do an inspection on the tablet: choose the room, go through the checklist and mark each item clean or dirty.', 'room', 'inspection');
  });

  it('makes a payment pay for the booking the idea keeps, even when no one is said to book', () => {
    linked('Boat trips: customers pick a boat and one of its departures, and pay online. Each booking has a number of guests and a contact phone.', 'booking', 'payment');
  });

  it('ties a remark made by a verb ("can comment") to the record named before it', () => {
    linked('Jam session app: musicians post sessions with a date and a venue, and other musicians can comment.', 'session', 'comment');
  });
});

describe('the relation reader on later mentions', () => {
  it('reads the head alone as the compound named before ("the delivery routes: one route is for one van")', () => {
    linked('Bakery deliveries: our vans have a plate and a capacity. Every night the planner makes the delivery routes: one route is for one van and has a list of shops in order.', 'van', 'delivery_route');
  });
});

describe('the relation reader on "each" standing alone', () => {
  it('reads "the rooms in each" as the rooms of the record named before', () => {
    linked('Conference planner: as an organiser, I want to add my venues and the rooms in each (name, capacity, floor), and then schedule talks.', 'venue', 'room');
  });
});

describe('the relation reader on the records a business keeps for the people it serves', () => {
  it('makes a patient kept as a record the party of the appointments, when no sentence ties them', () => {
    linked('Dental practice: patients never log in; the receptionist adds them with name, phone and date of birth. The receptionist books appointments in the calendar with a chair and a time, and dentists write treatment notes.', 'patient', 'appointment');
  });

  it('gives a posted ad the category its poster chooses ("post an ad ... and choose a category")', () => {
    linked('Classifieds for our town: people post an ad with photos and a price and choose a category.', 'category', 'ad');
  });

  it('reads a posted "item" as the record made, not as a part of one ("post an item ... and pick a category")', () => {
    linked('Swap shop: members post an item with a photo and a condition and pick a category, and other members request items.', 'category', 'listing');
  });
});

describe('the relation reader on "it" and "the ones"', () => {
  it('reads "organise it into chapters" and "divide it into tracks" as the record named before holding them', () => {
    linked('Songbook app for choirs.\n- conductors create a songbook: title, season, cover\n- organise it into chapters, and each chapter into songs', 'songbook', 'chapter');
    linked('Conference app.\nConferences: name, dates, venue.\nTracks: name, colour.\nOrganisers create a conference and divide it into tracks.', 'conference', 'track');
  });

  it('reads "converts it into an order" and "turns it into a campaign" as the record named before becoming the other', () => {
    linked('Catering app: guests send quote requests with a date and a headcount, and customers place orders with a delivery address and a total. When the chef approves a quote request we want one button that converts it into an order.', 'quote_request', 'order');
    linked('Newsletter tool.\nDrafts: subject, body.\nCampaigns: send date, audience.\nWhen a draft is ready, the editor turns it into a campaign.', 'draft', 'campaign');
  });

  it('reads "the ones they like" as the records named before', () => {
    linked('Reading app: editors publish articles with a headline and a body, and readers vote on the ones they like.', 'article', 'vote');
  });
});

describe('the relation reader on records that name others', () => {
  it('gives a record the one named with its details ("plan each trip with a date, a budget and the car we take")', () => {
    linked('Road trip planner.\nCars: plate, seat count, fuel type.\nTrips: start date, budget.\nMembers plan each trip with a date, a budget and the car we take.', 'car', 'trip');
  });

  it('gives a record the one it is arranged by ("shelve books by genre", "store packets by variety", "run classes by style")', () => {
    linked('Bookshop.\nGenres: name.\nBooks: title, author, price.\nStaff shelve books by genre.', 'genre', 'book');
    linked('Seed library.\nVarieties: name, family.\nPackets: harvest year, weight.\nMembers store packets by variety.', 'variety', 'packet');
    linked('Dance school.\nStyles: name.\nStudios: name, floor.\nClasses: level, date.\nWe run classes by style at set times in one of our four studios.', 'style', 'class');
  });

  it('gives a record the one of several places it is in ("in one of our three halls", "at one of our depots")', () => {
    linked('Concert society.\nHalls: name, seats.\nConcerts: programme, date.\nEach season we hold concerts at set times in one of our three halls.', 'hall', 'concert');
    // The record made, not the one named just before the place ("by style"), is the one in it.
    linked('Dance school.\nStyles: name.\nStudios: name, floor.\nClasses: level, date.\nWe run classes by style at set times in one of our four studios.', 'studio', 'class');
    linked('Van hire: we keep depots with an address and opening hours. Customers book vans with a start date and an end date, and we keep the vans at one of our depots.', 'depot', 'van');
  });
});

describe('the relation reader on what people keep as theirs', () => {
  it('ties what people add as theirs to them ("parents add their children")', () => {
    linked('Scout troop app: parents sign up and add their children (name, date of birth, patrol).', 'parent', 'child');
  });

  it('ties what owners keep as theirs to them in a vet clinic and a marina', () => {
    linked('Vet clinic portal: owners register and add their pets (name, species, breed) before booking a visit.', 'owner', 'pet');
    linked('Marina app: skippers sign up and add their boats (name, length, berth number) so harbour staff can see who is in.', 'skipper', 'boat');
  });
});

describe('the relation reader on people joined to people', () => {
  it('joins people who follow others of their kind through the follow ("runners follow other runners")', () => {
    const joined = (spec: string, role: string) => {
      const model = readIdea({ spec });
      expect(model.relationships, JSON.stringify(model.relationships)).toContainEqual(expect.objectContaining({ from: role, to: role, kind: 'many-to-many', through: 'follow' }));
      // The follow is between people, not about the record named before it.
      expect(model.relationships.filter((r) => r.to === 'follow' && !model.roles.some((x) => x.name === r.from))).toEqual([]);
    };
    joined('Running app: runners log runs with a distance and a time, and runners can follow other runners.', 'runner');
    joined('Music app: listeners sign up, follow other listeners and share playlists with a title and a cover.', 'listener');
    joined('Book swap: readers list books with a title and a condition, and readers follow other readers to see what they list.', 'reader');
  });
});

describe('the relation reader on remarks about "each" record', () => {
  it('ties replies to the record named with "each" or "every", not to the group named nearer ("under each recipe ... in the same class can reply")', () => {
    linked('Cooking school.\nRecipes: title, steps.\nClasses: date, price.\nStudents ask questions under each recipe; chefs and other students in the same class can reply.', 'recipe', 'reply');
    linked('Release tracker.\nReleases: version, notes.\nTeams: name.\nUsers leave feedback on every release; people in the same team can reply.', 'release', 'reply');
    linked('Makerspace forum.\nProjects: name, goal.\nWorkshops: date, room.\nMembers post tips under each project; members in the same workshop can reply.', 'project', 'reply');
  });
});

describe('the relation reader on places people open', () => {
  it('keeps what the people who opened a place add afterwards in it, told in stories of their own', () => {
    linked('Choir hub user stories:\n- As a director, I want to create a choir and share an invite link.\n- As a director, I want to schedule each rehearsal with a date, a room and a start time.', 'choir', 'rehearsal');
    linked('Allotment app:\n- As a secretary, I want to create a society with a name and a town.\n- As a secretary, I want to add plots with a number and a size.', 'society', 'plot');
    linked('Five-a-side app:\n- As a captain, I want to create a team and invite players.\n- As a captain, I want to schedule each match with a date, a pitch and a kick-off time.', 'team', 'match');
  });
});
