import type { MappingFile } from '../../../model/mapping-file.js';
import type { PreflightProblem } from '../../../ports/target.js';
import type { QTestUser } from '../qtest-context.js';
import { findUser } from './find-user.js';
import { mappingKey } from './mapping-key.js';

/**
 * Source account id → qTest user id, for the users the mapping file names. Zephyr exposes no
 * e-mail, so there is no default: users left out of the mapping file are carried as their
 * account ids and reported lossy, which is not a problem. An entry that names nobody in the
 * project is one, but only for users the source actually uses: organisation-wide mapping
 * files name many people a given project never sees.
 */
export function decideUsers(
  sourceUsers: readonly string[],
  users: readonly QTestUser[],
  mapping: MappingFile,
): { usersMap: Record<string, number>; problems: PreflightProblem[] } {
  const usersMap: Record<string, number> = {};
  const problems: PreflightProblem[] = [];
  for (const accountId of sourceUsers) {
    if (mapping.users === undefined || !Object.hasOwn(mapping.users, accountId)) continue;
    const named = mapping.users[accountId] as string | number;
    const user = findUser(users, named);
    if (user !== undefined) {
      usersMap[accountId] = user.id;
      continue;
    }
    problems.push({
      kind: 'user',
      value: accountId,
      mappingKey: mappingKey('users', accountId),
      message: `The mapping file maps user ${accountId} to "${named}", which is no user of the qTest project (give a username, e-mail or user id).`,
    });
  }
  return { usersMap, problems };
}
