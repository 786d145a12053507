import type { MigrationResult } from '../engine/migration-result.js';
import type { StateStoreSession } from '../ports/state-store.js';

/** Runs looked at; the newest one that names its target's types decides. */
const RUNS_READ = 100;

/**
 * The target's entity types in creation order, as the project's runs stored them: the target
 * describes itself (`MigrationResult.target`), so a report or status needs no list of a vendor's
 * types. Runs stored before that was kept give the types their counts name, in the order load
 * and transform counted them (the target's order too).
 */
export async function targetEntityTypes(store: StateStoreSession, projectKey: string): Promise<string[]> {
  const runs = await store.listRuns({ projectKey, limit: RUNS_READ });
  const summaries = runs
    .map((run) => run.summary as unknown as Partial<MigrationResult> | null)
    .filter((summary) => summary !== null);
  const described = summaries.find((summary) => summary.target?.entityTypes !== undefined);
  if (described?.target) return [...described.target.entityTypes];
  const types = new Set<string>();
  for (const summary of summaries.reverse()) {
    for (const type of [...Object.keys(summary.transformed ?? {}), ...Object.keys(summary.load ?? {})]) {
      types.add(type);
    }
  }
  return [...types];
}
