import { article, listing } from '../english.js';
import { table } from '../markdown-table.js';
import { INVITATION_DAYS, MEMBER_ROLES, PROFILES, type DataModel } from './data-model.js';
import { ACTIONS, describeCell } from './access.js';
import type { Design } from './design.js';
import { DATABASE_TESTS_PATH } from '../project-layout.js';

/**
 * The access matrix in the architecture document: who may read, create, change and delete which
 * rows, the roles people may pick or are given, and what the migration grants. The policies,
 * grants and pgTAP tests are written from the same matrix.
 */
export function accessSection(design: Design): string {
  const { data, matrix } = design;
  const rows = matrix.tables.flatMap((access) =>
    matrix.roles.map((role) => [
      `\`${access.table}\``,
      role,
      ...ACTIONS.map((action) => {
        const cell = access.cells[role]![action];
        return `${describeCell(cell)}${cell.source === 'rule' ? ' *' : ''}`;
      }),
    ]),
  );
  const given = data.roles.filter((role) => !data.selfServiceRoles.includes(role.name)).map((role) => role.name);
  const hidden = matrix.tables.filter((access) => access.summary);
  return [
    '### Access Matrix',
    '',
    `Every role × table × action, as the policies implement it: **all** rows, **own** rows (the person is the row's owner or the person it names, or the row names their record: a client's appointments), **related** rows (through a membership or another row, as said), or **none**. Cells marked * come from the idea's access rules; the others are defaults: people change only their own rows; ratings, comments, bookings and favourites are rows of their own; private rows (bookings, orders, messages, medical records) are seen by their people and privileged staff; rows that belong to another follow it. \`${DATABASE_TESTS_PATH}\` tests every cell (\`npx supabase test db\`).`,
    '',
    table(['Table', 'Role', 'Read', 'Create', 'Update', 'Delete'], rows),
    ...(hidden.length > 0
      ? ['', ...hidden.map((access) => `- \`${access.table}\`: ${access.hidden.map((column) => `\`${column}\``).join(', ')} only for the row's people and privileged staff; others read the rest through \`${access.summary}()\`.`)]
      : []),
    ...(matrix.notes.length > 0 ? ['', '**Rules read differently than written:**', '', ...matrix.notes.map((note) => `- ${note}`)] : []),
    '',
    '### Roles and Grants',
    '',
    `- **Sign-up** may pick ${data.selfServiceRoles.map((role) => `\`${role}\``).join(' or ')}; anything else asked for in the sign-up metadata gives \`${data.defaultRole}\`.`,
    ...(given.length > 0 ? [`- **Appointing:** ${listing(given.map((role) => `\`${role}\``))} ${given.length === 1 ? 'is' : 'are'} given, never taken. ${appointing(data)}`] : []),
    `- **Nobody changes their own role:** \`${PROFILES}.role\` is not granted for insert or update, and a trigger refuses a role change by anyone signed in (the second wall).`,
    '- **Grants:** the migration revokes every privilege `anon`, `authenticated` and `service_role` have on each table, then grants `authenticated` only the commands the matrix uses (insert and update on the columns people may write) and `service_role` full access. It is the same on projects created with the old default privileges (ALL to anon and authenticated) and on new ones (no grants at all); `anon` gets nothing.',
    ...data.tables.filter((t) => t.membersOf).map((members) => {
      const group = data.tables.find((t) => t.name === members.membersOf)!;
      return `- **Members of ${group.name}:** \`${members.name}\` lists them with their role in it (${MEMBER_ROLES.join(', ')}), and holds the invitations too: its owner and admins add a member, or invite one by email (a row with \`status\` invited and \`invited_email\`). The invited person, signed in with that address once it is confirmed, makes the row theirs with \`accept_${group.singular}_invitation(${group.singular}_id)\`, within ${INVITATION_DAYS} days and once; nobody else can, and nobody makes it theirs by changing it.`;
    }),
  ].join('\n');
}

/** How a person comes to have a role nobody may pick at sign-up. */
function appointing(data: DataModel): string {
  if (data.appointerRoles.length === 0) return 'The project owner sets the role in the Supabase dashboard (service role): no role of the product gives roles.';
  const appointers = data.appointerRoles.map((role) => `${article(role)} \`${role}\``);
  return `The person signs up like anyone else (and is \`${data.defaultRole}\` until then); then ${listing(appointers, 'or')} promotes them with \`set_user_role(user_id, role)\`, a SECURITY DEFINER function with a fixed search path that refuses any caller who is not ${listing(appointers, 'or')}.`;
}
