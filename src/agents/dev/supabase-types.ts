import type { Column, DataModel, Table } from './tables.js';
import { propertyKey } from './tables.js';

/**
 * `src/integrations/supabase/types.ts`: the `Database` type in the shape `supabase gen types
 * typescript` emits, so that supabase-js infers rows, inserts and filters, and so that running
 * the CLI later on the real database replaces this file without touching the code that uses it.
 * Closed sets of values (CHECK constraints in the migration) are typed as Enums.
 */
export function renderSupabaseTypes(model: DataModel): string {
  const tables = model.tables.map(renderTable).join('\n');
  const enums = model.enums.map((item) => `      ${propertyKey(item.name)}: ${item.values.map(quote).join(' | ')}`).join('\n');
  const constants = model.enums.map((item) => `      ${propertyKey(item.name)}: [${item.values.map(quote).join(', ')}],`).join('\n');
  return `export type Json =
  | string
  | number
  | boolean
  | null
  | { [key: string]: Json | undefined }
  | Json[]

export type Database = {
  // Allows to automatically instantiate createClient with the right options
  __InternalSupabase: {
    PostgrestVersion: "12"
  }
  public: {
    Tables: {
${tables}    }
    Views: {
      [_ in never]: never
    }
    Functions: {
      [_ in never]: never
    }
    Enums: {
${enums || '      [_ in never]: never'}
    }
    CompositeTypes: {
      [_ in never]: never
    }
  }
}

type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "public">]

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] &
        DefaultSchema["Views"])
    ? (DefaultSchema["Tables"] &
        DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R
      }
      ? R
      : never
    : never

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Insert: infer I
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Insert: infer I
      }
      ? I
      : never
    : never

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Update: infer U
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Update: infer U
      }
      ? U
      : never
    : never

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    | keyof DefaultSchema["Enums"]
    | { schema: keyof DatabaseWithoutInternals },
  EnumName extends DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never = never,
> = DefaultSchemaEnumNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
    ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
    : never

export const Constants = {
  public: {
    Enums: {
${constants}
    },
  },
} as const
`;
}

function renderTable(table: Table): string {
  const row = table.columns.map((column) => `          ${propertyKey(column.name)}: ${valueType(column)}`);
  const insert = table.columns.map(
    (column) => `          ${propertyKey(column.name)}${column.nullable || column.hasDefault ? '?' : ''}: ${valueType(column)}`,
  );
  const update = table.columns.map((column) => `          ${propertyKey(column.name)}?: ${valueType(column)}`);
  const relationships = table.columns
    .filter((column) => column.references)
    .map((column) => {
      const target = column.references;
      if (!target) return '';
      return `          {
            foreignKeyName: ${quote(`${table.name}_${column.name}_fkey`)}
            columns: [${quote(column.name)}]
            isOneToOne: ${column.field.unique === true || (column.field.primary === true && table.primaryKey === column)}
            referencedRelation: ${quote(target.table)}
            referencedColumns: [${quote(target.column)}]
          },`;
    });
  return `      ${propertyKey(table.name)}: {
        Row: {
${row.join('\n')}
        }
        Insert: {
${insert.join('\n')}
        }
        Update: {
${update.join('\n')}
        }
        Relationships: ${relationships.length === 0 ? '[]' : `[\n${relationships.join('\n')}\n        ]`}
      }
`;
}

function valueType(column: Column): string {
  return column.nullable ? `${column.tsType} | null` : column.tsType;
}

function quote(text: string): string {
  return JSON.stringify(text);
}
