import { PROFILES, ROLE_INVITATIONS, type DataModel, type Table } from './data-model.js';
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
 * Accepting an invitation: the caller must hold the link's token and be signed in with the
 * invited, confirmed email address; the invitation is used once and expires.
 */
function acceptInvitation(invitations: Table, group: Table | undefined, model: DataModel): Rpc {
  const name = group ? `accept_${group.singular}_invitation` : 'accept_role_invitation';
  const grant = group
    ? [
        `  insert into public.${group.membership!.table} (${group.membership!.column}, ${group.membership!.memberColumn}, member_role)`,
        `  values (invitation.${group.membership!.column}, (select auth.uid()), invitation.member_role)`,
        `  on conflict (${group.membership!.column}, ${group.membership!.memberColumn}) do update set member_role = excluded.member_role;`,
      ]
    : [`  update public.${PROFILES} set role = invitation.role where id = (select auth.uid());`];
  const returned = group ? `invitation.${group.membership!.column}` : 'invitation.role';
  return {
    name,
    kind: 'invitation',
    args: 'p_token uuid',
    description: group
      ? `Joins the ${group.singular.replace(/_/g, ' ')} of an invitation: the caller holds its token and is signed in with the invited, confirmed email address. Returns the ${group.singular.replace(/_/g, ' ')}'s id.`
      : `Takes the role of an invitation (${model.roles.filter((role) => !model.selfServiceRoles.includes(role.name)).map((role) => role.name).join(', ')}): the caller holds its token and is signed in with the invited, confirmed email address. Returns the role.`,
    sql: [
      `create or replace function public.${name}(p_token uuid)`,
      `returns ${group ? 'uuid' : 'text'}`,
      'language plpgsql volatile security definer',
      "set search_path = ''",
      'as $$',
      'declare',
      `  invitation public.${invitations.name}%rowtype;`,
      '  caller_email text;',
      'begin',
      '  select u.email into caller_email from auth.users u',
      '  where u.id = (select auth.uid()) and u.email_confirmed_at is not null;',
      `  select * into invitation from public.${invitations.name} i`,
      '  where i.token = p_token and i.accepted_at is null and i.expires_at > now()',
      '  for update;',
      '  if invitation.id is null or caller_email is null or lower(invitation.email) <> lower(caller_email) then',
      "    raise exception 'this invitation is unknown, used, expired, or for another (confirmed) email address' using errcode = '42501';",
      '  end if;',
      ...grant,
      `  update public.${invitations.name} set accepted_at = now() where id = invitation.id;`,
      `  return ${returned};`,
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
  for (const table of model.tables) {
    if (table.kind !== 'invitation') continue;
    const group = table.invitesTo ? model.tables.find((candidate) => candidate.name === table.invitesTo) : undefined;
    if (group?.membership || table.name === ROLE_INVITATIONS) rpcs.push(acceptInvitation(table, group, model));
  }
  return rpcs;
}
