import type { MigrationRig } from './migration-rig.js';

/** qTest writes (POST creates and PUT updates, not logins or searches), per operation. */
export function qtestWrites(rig: MigrationRig): Record<string, number> {
  return Object.fromEntries(
    Object.entries(rig.simulators.qtest.requestCounts()).filter(
      ([operation]) => /^(POST|PUT) /.test(operation) && !/search|oauth/.test(operation),
    ),
  );
}

/** The writes made between two `qtestWrites` readings, operations with none left out. */
export function writesSince(
  before: Record<string, number>,
  after: Record<string, number>,
): Record<string, number> {
  return Object.fromEntries(
    Object.entries(after)
      .map(([operation, count]) => [operation, count - (before[operation] ?? 0)] as const)
      .filter(([, count]) => count > 0),
  );
}
