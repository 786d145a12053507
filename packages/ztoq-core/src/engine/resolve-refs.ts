import type { IdMapping, StateStoreSession } from '../ports/state-store.js';
import type { ResolvedRef } from '../ports/target.js';
import type { StoredPlan } from './transform-phase.js';

export type RefResolution =
  | { ok: true; refs: Record<string, ResolvedRef> }
  | { ok: false; missing: string[] };

/**
 * Turns the symbolic references of a batch of plans into target ids through the id map, one
 * query per referenced type. A reference to something not (yet) loaded makes the plan wait:
 * its entity is skipped and counted, never created without its parent.
 */
export async function resolveRefs(
  store: StateStoreSession,
  projectKey: string,
  plans: readonly Pick<StoredPlan, 'refs'>[],
): Promise<RefResolution[]> {
  const wanted = new Map<string, Set<string>>();
  for (const plan of plans) {
    for (const ref of Object.values(plan.refs)) {
      let ids = wanted.get(ref.type);
      if (!ids) {
        ids = new Set();
        wanted.set(ref.type, ids);
      }
      ids.add(ref.sourceId);
    }
  }
  const mappings = new Map<string, Map<string, IdMapping>>();
  for (const [type, ids] of wanted) mappings.set(type, await store.getMappings(projectKey, type, [...ids]));

  return plans.map((plan) => {
    const refs: Record<string, ResolvedRef> = {};
    const missing: string[] = [];
    for (const [name, ref] of Object.entries(plan.refs)) {
      const mapping = mappings.get(ref.type)?.get(ref.sourceId);
      if (mapping?.state === 'done' && mapping.targetId !== null) {
        refs[name] = { targetId: mapping.targetId, data: mapping.targetData };
      } else {
        missing.push(`${ref.type} ${ref.sourceId}`);
      }
    }
    return missing.length === 0 ? { ok: true, refs } : { ok: false, missing };
  });
}
