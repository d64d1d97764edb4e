import type { Framework } from './framework.js';
import { file } from './source.js';

/**
 * Lists a person edits item by item (ingredients, steps, answer options, tags): one input per
 * item with add, remove and reorder, never a JSON text box. A json/jsonb column that holds a
 * list stores the items as a JSON array of strings; a text[] column as the array itself.
 */

/** `lib/lists.ts`: between the stored value and the items of the editor. */
export function renderListsSource(framework: Framework): string {
  return `import type { Json } from '${framework.layout.supabaseImport}/types';

/** A stored list (a JSON array or a text[]) as the text items a person edits; anything else is no items. */
export function textItems(value: Json | string[] | null | undefined): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((item) => (typeof item === 'string' ? item : item === null ? '' : typeof item === 'object' ? JSON.stringify(item) : String(item)));
}

/** The items to store: trimmed, without the empty ones a person added and left blank. */
export function cleanItems(items: string[]): string[] {
  return items.map((item) => item.trim()).filter((item) => item.length > 0);
}
`;
}

/** `lib/lists.test.ts`. */
export const LISTS_TEST = `import { describe, expect, it } from 'vitest';
import { cleanItems, textItems } from './lists';

describe('list fields', () => {
  it('reads a stored JSON list as text items and nothing else as items', () => {
    expect(textItems(['200 g flour', '2 eggs'])).toEqual(['200 g flour', '2 eggs']);
    expect(textItems([1, null, { step: 'Mix' }])).toEqual(['1', '', '{"step":"Mix"}']);
    expect(textItems(null)).toEqual([]);
    expect(textItems({ not: 'a list' })).toEqual([]);
  });

  it('stores the items typed, without blank ones', () => {
    expect(cleanItems([' Mix the flour ', '', '  ', 'Bake'])).toEqual(['Mix the flour', 'Bake']);
  });
});
`;

/** `components/ListField.tsx`. */
export function renderListField(framework: Framework): string {
  return file(
    framework.directive,
    `import { LucideArrowDown, LucideArrowUp, LucidePlus, LucideX } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';`,
    `interface ListFieldProps {
  id: string;
  /** The id of the field's label. */
  labelledBy: string;
  /** What one item is called: "ingredient". */
  itemLabel: string;
  items: string[];
  onChange: (items: string[]) => void;
}

/** A list edited item by item: one input per item, added, removed and moved with buttons. */
export function ListField({ id, labelledBy, itemLabel, items, onChange }: ListFieldProps) {
  const itemName = itemLabel.charAt(0).toUpperCase() + itemLabel.slice(1);

  function change(index: number, value: string) {
    onChange(items.map((item, position) => (position === index ? value : item)));
  }

  function move(index: number, by: -1 | 1) {
    const next = [...items];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item ?? '');
    onChange(next);
  }

  return (
    <div className="space-y-2">
      {items.length === 0 ? <p className="text-sm text-muted-foreground">None yet.</p> : null}
      <ol id={id} aria-labelledby={labelledBy} className="space-y-2">
        {items.map((item, index) => (
          <li key={index} className="flex items-center gap-2">
            <span aria-hidden="true" className="w-6 shrink-0 text-right text-sm text-muted-foreground">
              {index + 1}.
            </span>
            <Input aria-label={\`\${itemName} \${index + 1}\`} value={item} onChange={(event) => change(index, event.target.value)} />
            <Button type="button" variant="ghost" size="icon" aria-label={\`Move \${itemLabel} \${index + 1} up\`} disabled={index === 0} onClick={() => move(index, -1)}>
              <LucideArrowUp aria-hidden="true" />
            </Button>
            <Button
              type="button"
              variant="ghost"
              size="icon"
              aria-label={\`Move \${itemLabel} \${index + 1} down\`}
              disabled={index === items.length - 1}
              onClick={() => move(index, 1)}
            >
              <LucideArrowDown aria-hidden="true" />
            </Button>
            <Button type="button" variant="ghost" size="icon" aria-label={\`Remove \${itemLabel} \${index + 1}\`} onClick={() => onChange(items.filter((_, position) => position !== index))}>
              <LucideX aria-hidden="true" />
            </Button>
          </li>
        ))}
      </ol>
      <Button type="button" variant="outline" size="sm" onClick={() => onChange([...items, ''])}>
        <LucidePlus aria-hidden="true" />
        Add {itemLabel}
      </Button>
    </div>
  );
}`,
  );
}
