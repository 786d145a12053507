import type { QTestUser } from '../qtest-context.js';

/**
 * The qTest user a mapping-file value names: a numeric id (as a number or digits), a username
 * or an e-mail address, the latter two ignoring case as qTest's login does.
 */
export function findUser(users: readonly QTestUser[], named: string | number): QTestUser | undefined {
  const text = String(named).trim();
  if (/^\d+$/.test(text)) {
    const byId = users.find((user) => user.id === Number(text));
    if (byId !== undefined) return byId;
  }
  const folded = text.toLowerCase();
  return (
    users.find((user) => user.username.toLowerCase() === folded) ??
    users.find((user) => user.email.toLowerCase() === folded)
  );
}
