import { withArticle } from '../english.js';
import { INVITATION_DAYS, PROFILES, type DataModel, type Table } from './data-model.js';
import { literal } from './sql.js';

/**
 * Database functions exposed by PostgREST at /rest/v1/rpc/<name>: the work that is one query in
 * SQL but many round trips from a browser. Aggregates run as the caller (SECURITY INVOKER), so
 * row level security still decides which rows they count.
 */
export interface Rpc {
  name: string;
  /** aggregate: counts for dashboards; summary: rows without their hidden columns; roles and invitation: who is who. */
  kind: 'aggregate' | 'summary' | 'roles' | 'invitation';
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
    kind: 'aggregate',
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
    kind: 'roles',
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
      '  if not found then',
      "    raise exception 'no such person' using errcode = 'P0002';",
      '  end if;',
      'end;',
      '$$;',
    ].join('\n'),
  };
}

/**
 * Accepting an invitation to a group: the caller's invited row of its members table becomes
 * theirs and active, if they are signed in with the invited email address, confirmed, within
 * INVITATION_DAYS of the invitation; once, since the row is then no longer an invitation.
 */
function acceptInvitation(group: Table, members: Table): Rpc {
  const { column, memberColumn } = group.membership!;
  const name = `accept_${group.singular}_invitation`;
  const label = group.singular.replace(/_/g, ' ');
  // A members table of one kind of person (a salon's stylists) takes only people of that role.
  const role = members.personRoles[memberColumn];
  const param = `p_${group.singular}_id`;
  const mine = `m.${column} = ${param} and m.${memberColumn} = (select auth.uid())`;
  return {
    name,
    kind: 'invitation',
    args: `${param} uuid`,
    description: `Accepts the caller's invitation to a ${label}: they must be signed in with the invited email address, confirmed${role ? `, and be ${withArticle(role.replace(/_/g, ' '))}` : ''}, within ${INVITATION_DAYS} days of the invitation; it is used once. Returns their role in the ${label}.`,
    sql: [
      `create or replace function public.${name}(${param} uuid)`,
      'returns text',
      'language plpgsql volatile security definer',
      "set search_path = ''",
      'as $$',
      'declare',
      `  invitation public.${members.name}%rowtype;`,
      '  caller_email text;',
      '  existing_role text;',
      'begin',
      '  select u.email into caller_email from auth.users u',
      '  where u.id = (select auth.uid()) and u.email_confirmed_at is not null;',
      `  select * into invitation from public.${members.name} m`,
      `  where m.${column} = ${param} and m.status = 'invited' and lower(m.invited_email) = lower(caller_email)`,
      `    and m.created_at > now() - interval '${INVITATION_DAYS} days'`,
      '  for update;',
      `  if invitation.id is null${role ? ` or not public.has_role(${literal(role)})` : ''} then`,
      `    raise exception 'no invitation to this ${label} for your confirmed email address${role ? ` and role (${role})` : ''}: it was sent to another address, has expired (${INVITATION_DAYS} days) or was used' using errcode = '42501';`,
      '  end if;',
      `  select m.member_role into existing_role from public.${members.name} m where ${mine};`,
      '  if found then',
      '    -- Already a member: the invitation is used up; their role stays as the managers set it.',
      `    delete from public.${members.name} where id = invitation.id;`,
      '    return existing_role;',
      '  end if;',
      `  update public.${members.name}`,
      `  set status = 'active', ${memberColumn} = (select auth.uid()), accepted_at = now()`,
      '  where id = invitation.id;',
      '  return invitation.member_role;',
      'end;',
      '$$;',
    ].join('\n'),
  };
}

export function rpcsOf(model: DataModel, summaries: Rpc[] = []): Rpc[] {
  const rpcs: Rpc[] = [];
  for (const table of model.tables) {
    if (table.kind !== 'entity') continue;
    const rpc = aggregate(table);
    if (rpc) rpcs.push(rpc);
  }
  rpcs.push(...summaries);
  if (model.appointerRoles.length > 0) rpcs.push(setUserRole(model));
  for (const members of model.tables) {
    const group = members.membersOf ? model.tables.find((candidate) => candidate.name === members.membersOf) : undefined;
    if (group?.membership?.table === members.name) rpcs.push(acceptInvitation(group, members));
  }
  return rpcs;
}
