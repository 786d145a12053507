import type { JsonValue } from '../ports/state-store.js';
import type { PhaseContext } from './phase-context.js';

/** Where a load keeps that it is adopting what the target holds. */
export const ADOPTION_STREAM = 'load:adoption';

interface AdoptionCursor {
  adopting: boolean;
}

/**
 * Whether this load looks every entity up by its marker before creating it. Without it, a store
 * that lost its rows (an evicted cache entry, a new database) against a target that already
 * holds a migration of the project would create all of it a second time. It is switched on when
 * the store holds no confirmed row for the project and the target says it holds migrated data
 * (a read or two, so a first migration into an empty target pays no look per entity), and kept
 * in a checkpoint until a load attempted every entity: a stopped adopting run is followed by
 * runs whose store does have rows, and the entities they have not reached yet are in the
 * target all the same.
 */
export async function startAdoption(context: PhaseContext): Promise<boolean> {
  const { store, target, options, signal } = context;
  const { projectKey } = options;
  const saved = (await store.getCheckpoint(projectKey, ADOPTION_STREAM))?.cursor as
    | AdoptionCursor
    | undefined;
  if (saved?.adopting) return true;
  if (!target.holdsMigratedData) return false;
  if ((await store.countMappings(projectKey)).done > 0) return false;
  if (!(await target.holdsMigratedData(projectKey, { signal }))) return false;
  await save(context, { adopting: true });
  context.logger.info(
    `load: the store has no record of ${projectKey} but ${target.name} holds migrated data; every entity is looked up by its marker before it is created`,
  );
  return true;
}

/** A load attempted every entity (none skipped, none left unsent): the lookups can stop. */
export async function endAdoption(context: PhaseContext): Promise<void> {
  await save(context, { adopting: false });
}

async function save(context: PhaseContext, cursor: AdoptionCursor): Promise<void> {
  await context.store.saveCheckpoint(context.options.projectKey, {
    stream: ADOPTION_STREAM,
    cursor: cursor as unknown as JsonValue,
  });
}
