import { PROFILES, type DataModel, type Table } from './data-model.js';
import { literal } from './sql.js';

/**
 * Database functions exposed by PostgREST at /rest/v1/rpc/<name>: the work that is one query in
 * SQL but many round trips from a browser. Aggregates run as the caller (SECURITY INVOKER), so
 * row level security still decides which rows they count.
 */
export interface Rpc {
  name: string;
  /** `p_user_id uuid, p_role text` */
  args: string;
  description: string;
  sql: string;
}

function aggregate(table: Table): Rpc | undefined {
  const group = table.columns.find((column) => column.enum_values && column.enum_values.length > 0);
  if (!group) return undefined;
  const money = table.columns.find((column) => column.type === 'numeric(12,2)');
  const name = `${table.name}_by_${group.name}`.slice(0, 63);
  const returns = [`${group.name} text`, 'item_count bigint', ...(money ? [`total_${money.name} numeric`] : [])].join(', ');
  const selected = [`t.${group.name}`, 'count(*)', ...(money ? [`coalesce(sum(t.${money.name}), 0)`] : [])].join(', ');
  return {
    name,
    args: '',
    description: `Counts ${table.name.replace(/_/g, ' ')} per ${group.name.replace(/_/g, ' ')}${money ? ` with the total ${money.name.replace(/_/g, ' ')}` : ''}, for dashboards; only rows the caller may read are counted.`,
    sql: [
      `create or replace function public.${name}()`,
      `returns table (${returns})`,
      'language sql stable security invoker',
      "set search_path = ''",
      'as $$',
      `  select ${selected}`,
      `  from public.${table.name} t`,
      `  group by t.${group.name}`,
      `  order by t.${group.name};`,
      '$$;',
    ].join('\n'),
  };
}

function setUserRole(model: DataModel): Rpc {
  return {
    name: 'set_user_role',
    args: 'p_user_id uuid, p_role text',
    description: `Changes a person’s role (${model.roles.map((role) => role.name).join(', ')}); only ${model.appointerRoles.join(' or ')} may call it.`,
    sql: [
      'create or replace function public.set_user_role(p_user_id uuid, p_role text)',
      'returns void',
      'language plpgsql volatile security definer',
      "set search_path = ''",
      'as $$',
      'begin',
      `  if not public.has_role(${model.appointerRoles.map(literal).join(', ')}) then`,
      `    raise exception 'only ${model.appointerRoles.join(' or ')} can change roles' using errcode = '42501';`,
      '  end if;',
      `  update public.${PROFILES} set role = p_role where id = p_user_id;`,
      'end;',
      '$$;',
    ].join('\n'),
  };
}

export function rpcsOf(model: DataModel): Rpc[] {
  const rpcs: Rpc[] = [];
  for (const table of model.tables) {
    if (table.kind !== 'entity') continue;
    const rpc = aggregate(table);
    if (rpc) rpcs.push(rpc);
  }
  if (model.appointerRoles.length > 0) rpcs.push(setUserRole(model));
  return rpcs;
}
