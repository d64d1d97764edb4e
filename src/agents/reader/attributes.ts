import { sentence, snake } from '../naming.js';
import type { AttributeKind, AttributeSpec } from '../model.js';

/**
 * Attribute kinds from the words people use for them: "a unit price" is money, "a start time" a
 * date and time, "a rating from 1 to 5" a rating. The last word decides, with a few phrases first.
 */
const PHRASE_KINDS: Array<[RegExp, AttributeKind]> = [
  [/(^|_)phone_number$/, 'phone'],
  [/(^|_)(tracking|order|reference|serial|invoice|account)_number$/, 'text'],
  [/(^|_)time_limit$/, 'duration'],
  [/(^|_)(lead|cooking|prep|preparation|travel|waiting|wait|response|reading|delivery)_time$/, 'duration'],
  [/(^|_)(start|end|due|close|departure|arrival|pickup)_time$/, 'datetime'],
  [/(^|_)opening_hours?$/, 'json'],
  [/(^|_)(date_and_time|date_time)$/, 'datetime'],
  [/(^|_)(answer_options?|options)$/, 'json'],
  [/^date_of_/, 'date'],
];

const WORD_KINDS: Record<string, AttributeKind> = {
  price: 'money', cost: 'money', value: 'money', amount: 'money', fee: 'money', budget: 'money', salary: 'money',
  deposit: 'money', revenue: 'money', total: 'money', balance: 'money', rate: 'money', subtotal: 'money',
  email: 'email', phone: 'phone', mobile: 'phone', url: 'url', website: 'url', link: 'url',
  date: 'date', deadline: 'date', birthday: 'date', dob: 'date',
  time: 'time', datetime: 'datetime', timestamp: 'datetime',
  duration: 'duration', length: 'duration',
  rating: 'rating', stars: 'rating',
  image: 'image', images: 'image', photo: 'image', photos: 'image', picture: 'image', pictures: 'image', avatar: 'image',
  cover: 'image', logo: 'image', thumbnail: 'image', banner: 'image',
  file: 'file', files: 'file', attachment: 'file', attachments: 'file', document: 'file', pdf: 'file', resume: 'file',
  quantity: 'integer', capacity: 'integer', count: 'integer', stock: 'integer', level: 'integer', age: 'integer',
  seats: 'integer', score: 'integer', points: 'integer', position: 'integer', rank: 'integer', year: 'integer',
  weight: 'decimal', height: 'decimal', percentage: 'decimal', discount: 'decimal', latitude: 'decimal', longitude: 'decimal',
  description: 'long_text', body: 'long_text', content: 'long_text', notes: 'long_text', note: 'long_text',
  bio: 'long_text', comment: 'long_text', prompt: 'long_text', message: 'long_text', details: 'long_text',
  instructions: 'long_text', summary: 'long_text', text: 'long_text', reason: 'long_text', feedback: 'long_text',
  address: 'location', location: 'location', coordinates: 'location',
  active: 'boolean', published: 'boolean', paid: 'boolean', verified: 'boolean', archived: 'boolean', public: 'boolean',
  metadata: 'json', settings: 'json', availability: 'json', tags: 'json',
};

/** Values a reader would expect for an enum named but not listed. */
const DEFAULT_VALUES: Record<string, string[]> = { priority: ['low', 'medium', 'high'] };

/** The values a reader would expect of an enum named but not listed ("a priority"), if any. */
export function defaultValues(name: string): string[] | undefined {
  return DEFAULT_VALUES[name];
}

/** Names that display a row in lists and pickers. */
export const DISPLAY_NAMES = new Set(['name', 'title', 'label', 'subject', 'prompt', 'headline', 'full_name', 'display_name']);

export function attributeKind(name: string): AttributeKind {
  for (const [pattern, kind] of PHRASE_KINDS) if (pattern.test(name)) return kind;
  if (/^is_|^has_/.test(name)) return 'boolean';
  if (/_at$/.test(name)) return 'datetime';
  const last = name.split('_').pop() ?? name;
  if (name.includes('date') && name.includes('time')) return 'datetime';
  return WORD_KINDS[last] ?? (last.endsWith('s') ? WORD_KINDS[last.slice(0, -1)] : undefined) ?? 'text';
}

/** An attribute; `spellings` are the values the idea writes with capitals ("JetBrains"), shown as written. */
export function makeAttribute(name: string, kind: AttributeKind, values: string[] = [], spellings: Record<string, string> = {}): AttributeSpec {
  const enumValues = kind === 'enum' ? values.map((v) => snake(v)).filter(Boolean) : undefined;
  const enumLabels = Object.fromEntries(kind === 'enum' ? values.flatMap((v) => (spellings[v] && snake(v) ? [[snake(v), spellings[v]]] : [])) : []);
  return {
    name,
    label: sentence(name),
    kind,
    ...(enumValues && enumValues.length > 0 ? { enumValues: [...new Set(enumValues)] } : {}),
    ...(Object.keys(enumLabels).length > 0 ? { enumLabels } : {}),
    required: DISPLAY_NAMES.has(name) || kind === 'enum' || name === 'sku',
    unique: name === 'sku' || name === 'slug' || name === 'barcode',
  };
}
