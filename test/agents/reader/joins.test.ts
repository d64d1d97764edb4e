import { describe, expect, it } from 'vitest';
import { readIdea } from '../../../src/agents/reader/read.js';

/**
 * Tables that link or group other records: sentences written for these tests, none of them from
 * the corpus, three domains or more a class.
 */
const entities = (spec: string) => readIdea({ spec }).entities.map((e) => e.name);
const joins = (spec: string) => readIdea({ spec }).relationships.filter((r) => r.kind === 'many-to-many').map((r) => r.through);
const links = (spec: string) => readIdea({ spec }).relationships.map((r) => `${r.from} -> ${r.to}`);
const attributes = (spec: string, entity: string) => readIdea({ spec }).entities.find((e) => e.name === entity)?.attributes.map((a) => a.name) ?? [];

describe('groups named after what they hold', () => {
  // [the class, the idea, the group, what it holds]
  it.each([
    ['records people arrange into groups', 'A reading tracker: I sort my books into groups (Fiction, Work, Kids), and each book has a cover and an author.', 'book_group', 'book'],
    ['records people arrange into groups', 'A contacts app: people organise their contacts into groups like Family, Work or Gym, and each contact has a phone number.', 'contact_group', 'contact'],
    ['records people arrange into groups', 'A plant care app: gardeners arrange their plants into collections (Herbs, Succulents, Ferns) and log every watering.', 'plant_collection', 'plant'],
    ['a kept "X group" holds Xs', 'A furniture shop: every sofa has fabric groups we define once and attach wherever needed, and customers order sofas.', 'fabric_group', 'fabric'],
    ['a kept "X group" holds Xs', 'A t-shirt shop: every product has variant groups (size, colour) and the shop owner edits products and their prices.', 'variant_group', 'variant'],
    ['a kept "X group" holds Xs', 'A camera shop: every camera has lens groups that staff define once and reuse across lots of cameras, and customers buy cameras.', 'lens_group', 'lens'],
  ])('%s: %s', (_class, spec, group, member) => {
    expect(entities(spec)).toEqual(expect.arrayContaining([group, member]));
    expect(links(spec)).toContain(`${group} -> ${member}`);
  });

  it('reads the groups people make, named in brackets after what they see them under, as groups of the records named before', () => {
    const spec = 'A bookmark manager: my saved links show under collapsible panels (groups I create myself, like Reading, Recipes, Travel), and each link has a title.';
    expect(entities(spec).some((e) => e.endsWith('link_group'))).toBe(true);
  });

  it.each([
    ['A bakery ordering site. The catalogue is organised in sections (Breads, Cakes, Pastries), and every cake has a name, a price and a photo.', 'catalogue_section'],
    ['An online course builder. Each course is divided into sections (Basics, Practice, Exam) and every lesson has a video.', 'course_section'],
    ['A wiki for our engineering team. The handbook is organised in sections (Onboarding, Deploys, Incidents), and every page has an owner and a body.', 'handbook_section'],
  ])('makes the sections a whole is organised in a table named with the whole: %s', (spec, table) => {
    expect(entities(spec)).toContain(table);
    // The sections' names are rows, not columns.
    expect(attributes(spec, table)).toEqual(['name']);
  });

  it('keeps a group named by what its people do ("study group") from inventing a table of studies', () => {
    const spec = 'App for students to form study groups. Anyone can create a group for a course, and members post questions in the group.';
    expect(entities(spec)).not.toContain('study');
  });
});

describe('many-to-many with details of its own', () => {
  // [the class, the idea, the join table it must give]
  it.each([
    ['a record includes several catalogue things', 'A garage booking tool. Our repair menu has things like oil change, brake check and tyre swap, each with a usual price. One booking can include several repairs for the same car.', 'booking_repair'],
    ['a record includes several catalogue things', 'A spa booking app. Our treatment menu has massages, facials and wraps, each with a duration. One visit can include several treatments with the same therapist.', 'visit_treatment'],
    ['a record includes several catalogue things', 'A print shop order desk. Our finish catalogue has lamination, binding and folding, each with a price. One job can include several finishes.', 'job_finish'],
    ['a group reused across records (not the other way round)', 'A furniture shop: every sofa has fabric groups. The same fabric group is reused across lots of sofas, so we define it once and attach it wherever needed.', 'sofa_fabric_group'],
    ['which X has which Y (the holder first)', 'An agency staffing tool: managers add consultants and must know which consultant has which certification before they staff a project.', 'consultant_certification'],
    ['which X has which Y (the holder first)', 'A school timetable app: teachers sign in, and the head must know which teacher has which qualification.', 'teacher_qualification'],
    ['which X has which Y (the holder first)', 'An orchestra app: musicians sign in, and the librarian must know which musician has which instrument.', 'musician_instrument'],
    ['a value each person sets of their own per thing', 'Airbnb for tutors. Tutors make a profile, list the languages they teach with their own hourly rate per language, and students book a lesson.', 'tutor_language'],
    ['a value each person sets of their own per thing', 'A ride-share for commuters: drivers join the app and list the routes they cover with their own fare per route; riders book seats.', 'driver_route'],
    ['a value each person sets of their own per thing', 'A wedding marketplace: photographers list the packages they sell with their own price per package; couples book a shoot.', 'photographer_package'],
    ['things picked for a record', 'Playlist studio for a dance school: teachers keep a library of songs (title, artist, tempo). For a class the teacher picks songs from the library and sets the order and the volume.', 'class_song'],
    ['things picked for a record', 'Menu planner for a catering firm: chefs keep dishes (name, allergens). For an event the chef picks dishes from the list and sets the portions per guest.', 'event_dish'],
    ['things picked for a record', 'A training app for a football club: coaches keep drills with a diagram. For a session the coach picks drills from the library and sets the minutes for each.', 'session_drill'],
    ['a record built by placing shared things in it', 'Holiday planner: travellers browse attractions (name, city, photo). Travellers build day plans by dragging attractions into a timeline.', 'day_plan_attraction'],
    ['a record built by placing shared things in it', 'Playlist app: listeners browse songs by genre and build playlists by adding songs into a queue.', 'playlist_song'],
    ['a record built by placing shared things in it', 'Study planner: students browse flashcards by subject and create revision plans by adding flashcards into a calendar.', 'revision_plan_flashcard'],
  ])('%s: %s', (_class, spec, join) => {
    expect(joins(spec)).toContain(join);
  });

  it.each([
    ['A florist tool: designers make a bouquet design for each wedding by choosing flowers from the catalogue (with stem counts), and couples approve it.', 'flower', 'bouquet_design_flower'],
    ['Gym coaching app: coaches create a workout for a member by selecting moves from our library (with reps and rest), and members log their sessions.', 'move', 'workout_move'],
    ['A sommelier app: the sommelier builds a wine flight for a dinner by picking wines from the cellar list, and guests rate each flight.', 'wine', 'flight_wine'],
  ])('keeps what a record is built of, picked from a catalogue, and joins the two: %s', (spec, picked, join) => {
    expect(entities(spec)).toContain(picked);
    expect(joins(spec)).toContain(join);
  });

  it.each([
    ['A tool library for our street: tools are handed out to neighbours, and we need to know who had which tool and when it came back.', 'tool_assignment'],
    ['A courier depot app: bikes are handed out to couriers each morning and the manager sees who had which bike.', 'bike_assignment'],
    ['Our camera rental desk: cameras are handed out to students and we keep the full history of who had them.', 'camera_assignment'],
  ])('names the record of a thing handed out to people after the thing, said in the passive: %s', (spec, table) => {
    expect(entities(spec)).toContain(table);
  });
});

describe('schedules and places', () => {
  it.each([
    ['Dog grooming salon app. Every groomer has their own weekly opening hours and days off, and customers book a grooming appointment.', 'opening_hour', 'groomer'],
    ['Tutoring marketplace: tutors sign up, and each tutor has their own weekly teaching hours; parents book a lesson.', 'teaching_hour', 'tutor'],
    ['Clinic rota for physiotherapists: every therapist has their own weekly working hours, and patients book an appointment.', 'working_hour', 'therapist'],
  ])('makes the recurring hours each person has a schedule table of theirs: %s', (spec, table, person) => {
    expect(entities(spec)).toContain(table);
    expect(links(spec)).toContain(`${person} -> ${table}`);
  });

  it.each([
    ['Festival planner: artists submit performances, and accepted ones are placed into the programme: three days, four stages, fixed slots.', 'stage'],
    ['A school exam planner: teachers submit exams, and approved ones are placed into the timetable: five days, six classrooms, fixed periods.', 'classroom'],
    ['Trade show tool: exhibitors apply for a booth, and approved ones are put into the floor plan: two halls, forty stands.', 'hall'],
  ])('keeps the places listed for what records are placed into: %s', (spec, table) => {
    expect(entities(spec)).toContain(table);
  });
});

describe('measures are columns', () => {
  it.each([
    ['A cocktail app: each cocktail is a list of spirits with the amount used, plus a yield (how many servings), so the app works out cost per serving.', 'serving'],
    ['Smoothie app for a juice bar: each smoothie is a list of fruits with the amount used, plus a yield (how many portions), so we see the cost per portion.', 'portion'],
    ['A canteen planner: each stew is a list of vegetables with the amount used, plus a yield (how many helpings), so we know the cost per helping.', 'helping'],
  ])('never makes a count of a record a table: %s', (spec, measure) => {
    expect(entities(spec)).not.toContain(measure);
  });
});

describe('a record that lists things with the amount of each', () => {
  // [the idea, the record, the row joining it to what it lists, what it lists]
  it.each([
    ['A brewery app: brewers keep the malts they stock. Each beer recipe lists malts with quantities, and brewers log every batch.', 'beer_recipe', 'beer_recipe_malt', 'malt'],
    ['A pharmacy compounding tool: pharmacists keep the chemicals on the shelf. Each formula specifies chemicals with an amount, and pharmacists record every preparation.', 'formula', 'formula_chemical', 'chemical'],
    ['Craft kit shop: staff keep the beads (colour, size). Every kit uses beads with a quantity, and customers order kits.', 'kit', 'kit_bead', 'bead'],
  ])('keeps the record and a row per thing it lists, tied to both: %s', (spec, record, row, thing) => {
    expect(entities(spec)).toEqual(expect.arrayContaining([record, row, thing]));
    expect(links(spec)).toEqual(expect.arrayContaining([`${record} -> ${row}`, `${thing} -> ${row}`]));
  });
});

describe('a record with things and the amount of each, said together', () => {
  // [the idea, the record, the row joining it to the things, the things]
  it.each([
    ['Cider press app. We have recipes (apple mix, target sweetness) with ingredients and amounts, and each pressing follows one recipe.', 'recipe', 'recipe_ingredient', 'ingredient'],
    ['Florist app. We design bouquets (name, price) with flowers and quantities, and customers order bouquets for delivery.', 'bouquet', 'bouquet_flower', 'flower'],
  ])('keeps a row per thing, tied to both: %s', (spec, record, row, thing) => {
    expect(entities(spec)).toEqual(expect.arrayContaining([record, row, thing]));
    expect(links(spec)).toEqual(expect.arrayContaining([`${record} -> ${row}`, `${thing} -> ${row}`]));
  });

  it('keeps a row per thing when the things are joined to their amount after the record', () => {
    expect(entities('Electrician app. We keep kits with parts and quantities for each job type, and electricians take a kit to each job.')).toContain('kit_part');
  });

  it('reads no row from examples in brackets beside a quantity', () => {
    const names = entities('Camping planner: each kit has items with a category (tents, stoves, lamps) and a quantity, and I tick items off as I pack.');
    expect(names.some((n) => n.endsWith('_lamp'))).toBe(false);
  });
});

describe('a record made from a catalogue named by what it holds', () => {
  it.each([
    ['Dance school app: the teacher builds a routine for each class from our move library, and students watch it at home.', 'routine_move', 'move'],
    ['Football academy app: coaches create a session plan for each squad from the drill library, and players see it on their phones.', 'session_plan_drill', 'drill'],
  ])('joins the record and the things picked from it: %s', (spec, row, thing) => {
    expect(entities(spec)).toEqual(expect.arrayContaining([row, thing]));
  });

  it.each([
    ['a record with lines of its own', 'Cafe app: customers order lunch from the lunch menu and pick it up at noon.', 'order_lunch'],
    ['a catalogue that names nothing it holds', 'Dance school app: the teacher builds a routine for each class from our library, and students watch it at home.', 'routine_library'],
  ])('makes no such row for %s: %s', (_class, spec, row) => {
    expect(entities(spec)).not.toContain(row);
  });
});

describe('things used up in the work of a record', () => {
  it.each([
    ['An HVAC service app. The office books each service visit for a customer. On the roof the engineer records the filters fitted and the time spent.', 'service_visit_filter'],
    ['A salon app: stylists see their appointments for the day. After each appointment the stylist notes the dyes used and takes a photo.', 'appointment_dye'],
    ['Vet clinic software. Vets open a consultation for every pet and log the medicines used from the pharmacy shelf.', 'consultation_medicine'],
  ])('joins the record and what was used for it: %s', (spec, row) => {
    expect(entities(spec)).toContain(row);
  });

  it('leaves things merely logged, or used of nothing kept, as they are', () => {
    expect(entities('A gym app: members book classes and log the weights they lift.').some((e) => e.startsWith('class_'))).toBe(false);
    expect(entities('A notes app where I write down the words used in my dreams.').filter((e) => e.endsWith('_word'))).toEqual([]);
  });
});
