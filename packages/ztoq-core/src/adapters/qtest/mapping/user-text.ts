import type { QTestContext } from '../qtest-context.js';
import type { LossyNotes } from './lossy-notes.js';

/**
 * How a source user appears in text qTest shows (descriptions, notes, text fields): the qTest
 * username when the mapping file maps the account, else the account id, reported lossy since
 * nobody in qTest can be told apart by it.
 */
export function userText(accountId: string, role: string, context: QTestContext, lossy: LossyNotes): string {
  const username = mappedUsername(accountId, context);
  if (username !== undefined) return username;
  lossy.add(
    'unmapped-user',
    `${role} ${accountId} has no qTest user in the mapping file; kept as the account id`,
  );
  return accountId;
}

/** The username of a mapped account, or `undefined`. */
export function mappedUsername(accountId: string, context: QTestContext): string | undefined {
  if (!Object.hasOwn(context.users_map, accountId)) return undefined;
  const id = context.users_map[accountId];
  return context.users.find((user) => user.id === id)?.username;
}
