import { table } from '../markdown-table.js';
import { PROFILES } from './data-model.js';
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
    `Every role × table × action, as the policies implement it: **all** rows, **own** rows (the person is the row's owner or the person it names), **related** rows (through a membership or another row, as said), or **none**. Cells marked * come from the idea's access rules; the others are defaults: people change only their own rows; ratings, comments, bookings and favourites are rows of their own; private rows (bookings, orders, messages, medical records) are seen by their people and privileged staff; rows that belong to another follow it. \`${DATABASE_TESTS_PATH}\` tests every cell (\`npx supabase test db\`).`,
    '',
    table(['Table', 'Role', 'Read', 'Create', 'Update', 'Delete'], rows),
    ...(hidden.length > 0
      ? ['', ...hidden.map((access) => `- \`${access.table}\`: ${access.hidden.map((column) => `\`${column}\``).join(', ')} only for the row's people and privileged staff; others read the rest through \`${access.summary}()\`.`)]
      : []),
    ...(matrix.notes.length > 0 ? ['', '**Rules read differently than written:**', '', ...matrix.notes.map((note) => `- ${note}`)] : []),
    '',
    '### Roles and Grants',
    '',
    `- **Sign-up** may pick ${data.selfServiceRoles.map((role) => `\`${role}\``).join(' or ')}; anything else asked for in the sign-up metadata gives \`${data.defaultRole}\`.${given.length > 0 ? ` ${given.map((role) => `\`${role}\``).join(', ')} ${given.length === 1 ? 'is' : 'are'} given, never taken: ${data.appointerRoles.length > 0 ? `by an invitation (\`accept_role_invitation(token)\`) or by ${data.appointerRoles.join(' or ')} with \`set_user_role()\`, SECURITY DEFINER functions that check the caller` : 'in the Supabase dashboard (service role)'}.` : ''}`,
    `- **Nobody changes their own role:** \`${PROFILES}.role\` is not granted for insert or update, and a trigger refuses a role change by anyone signed in (the second wall).`,
    '- **Grants:** the migration revokes every privilege `anon`, `authenticated` and `service_role` have on each table, then grants `authenticated` only the commands the matrix uses (insert and update on the columns people may write) and `service_role` full access. It is the same on projects created with the old default privileges (ALL to anon and authenticated) and on new ones (no grants at all); `anon` gets nothing.',
    ...(data.tables.some((t) => t.membersOf) ? ['- **Members:** each group has a members table with its own role (owner, admin, member); its owner and admins invite by email, and the invited person joins with the link\'s token while signed in with that confirmed address.'] : []),
  ].join('\n');
}
