import { camel } from '../naming.js';
import type { Framework } from './framework.js';
import { Imports, file, str } from './source.js';
import { access, type Table } from './tables.js';

/**
 * `src/hooks/use-<table>.ts`: one react-query hook module per table people work with: list
 * (optionally narrowed to one parent row), get by id, create, update and delete, all typed by
 * the generated Database types. Reads turn supabase-js's own retries off (three, 1 to 4 s apart):
 * TanStack Query retries (lib/network's retryOnce), so a failed load shows its error in seconds.
 */
export function renderHooks(table: Table, framework: Framework): string {
  const pk = table.primaryKey;
  if (!pk) throw new Error(`table ${table.name} has no single-column primary key`);
  const imports = new Imports()
    .add('@tanstack/react-query', ['useMutation', 'useQuery', 'useQueryClient'])
    .add(`${framework.layout.supabaseImport}/client`, 'supabase')
    .add(`${framework.layout.supabaseImport}/types`, ['Tables', 'TablesInsert', 'TablesUpdate'], { type: true });
  const { type, pluralType } = table;
  const from = `supabase.from(${str(table.name)})`;
  const key = `${camel(table.name)}Key`;
  const idType = pk.tsType;
  const emptyId = idType === 'number' ? '0' : "''";
  const filters = filterColumns(table);
  const order = table.columns.find((column) => column.name === 'created_at') ?? pk;

  const filterType =
    filters.length > 0
      ? `/** Narrows the list to the rows of one parent. */\nexport type ${type}Filter = Partial<Pick<${type}, ${filters.map((column) => str(column.name)).join(' | ')}>>;`
      : undefined;
  const applyFilters = filters
    .map((column) => `      if (${access('filter', column.name)} != null) query = query.eq(${str(column.name)}, ${access('filter', column.name)});`)
    .join('\n');
  const list =
    filters.length > 0
      ? `export function use${pluralType}(filter: ${type}Filter = {}) {
  return useQuery({
    queryKey: [...${key}, 'list', filter],
    queryFn: async () => {
      let query = ${from}.select('*');
${applyFilters}
      const { data, error } = await query.order(${str(order.name)}, { ascending: false }).retry(false);
      if (error) throw error;
      return data;
    },
  });
}`
      : `export function use${pluralType}() {
  return useQuery({
    queryKey: [...${key}, 'list'],
    queryFn: async () => {
      const { data, error } = await ${from}.select('*').order(${str(order.name)}, { ascending: false }).retry(false);
      if (error) throw error;
      return data;
    },
  });
}`;

  return file(
    framework.directive,
    imports.render(),
    `export type ${type} = Tables<${str(table.name)}>;
export type ${type}Insert = TablesInsert<${str(table.name)}>;
export type ${type}Update = TablesUpdate<${str(table.name)}>;`,
    filterType,
    `const ${key} = [${str(table.name)}] as const;`,
    list,
    `export function use${type}(id: ${idType} | undefined) {
  return useQuery({
    queryKey: [...${key}, 'detail', id],
    enabled: id !== undefined,
    queryFn: async () => {
      const { data, error } = await ${from}.select('*').eq(${str(pk.name)}, id ?? ${emptyId}).single().retry(false);
      if (error) throw error;
      return data;
    },
  });
}`,
    `export function useCreate${type}() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (values: ${type}Insert) => {
      const { data, error } = await ${from}.insert(values).select().single();
      if (error) throw error;
      return data;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ${key} }),
  });
}`,
    `export function useUpdate${type}() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, values }: { id: ${idType}; values: ${type}Update }) => {
      const { data, error } = await ${from}.update(values).eq(${str(pk.name)}, id).select().single();
      if (error) throw error;
      return data;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ${key} }),
  });
}`,
    `export function useDelete${type}() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: ${idType}) => {
      const { error } = await ${from}.delete().eq(${str(pk.name)}, id);
      if (error) throw error;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ${key} }),
  });
}`,
  );
}

/** Foreign keys to other tables of the app: the list hook can narrow by them. */
export function filterColumns(table: Table): Table['columns'] {
  return table.columns.filter((column) => column.references && column !== table.primaryKey && column.tsType !== 'Json');
}

