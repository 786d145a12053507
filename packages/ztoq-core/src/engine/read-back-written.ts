import type { WrittenPlan } from '../ports/state-store.js';
import type { LoadedEntity, Verification } from '../ports/target.js';
import type { PhaseContext } from './phase-context.js';
import { resolveRefs } from './resolve-refs.js';
import { runInSequences } from './run-in-sequences.js';

/**
 * Reads entities back against what ztoq last wrote to them rather than against their current
 * plan: a difference is a change made in the target since (a hand edit). The references are
 * resolved as they were written; rows never leave `done`, and should one not be loaded, the
 * entity's own references stand in. A read that fails is returned as its error, for the caller
 * to weigh.
 */
export async function readBackAgainstWritten(
  context: PhaseContext,
  items: readonly { entity: LoadedEntity; written: WrittenPlan }[],
): Promise<(Verification | { error: unknown })[]> {
  const { store, target, options } = context;
  const resolutions = await resolveRefs(
    store,
    options.projectKey,
    items.map(({ written }) => written),
  );
  return runInSequences(
    items.map((item, index) => ({ item, resolution: resolutions[index] })),
    () => undefined,
    options.maxWorkers,
    async ({ item, resolution }) => {
      try {
        return await target.verify({
          ...item.entity,
          body: item.written.body,
          marker: item.written.marker,
          refs: resolution?.ok ? resolution.refs : item.entity.refs,
        });
      } catch (error) {
        return { error };
      }
    },
  );
}
