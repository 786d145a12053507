import type { CanonicalEntityType } from '../model/canonical.js';
import type { StateStoreSession } from '../ports/state-store.js';

/**
 * Every stored entity of a small stream (statuses, priorities, environments, folders, plans,
 * cycles) by its source id. Only for streams of at most a few thousand entities.
 */
export async function readById<T extends { id: string }>(
  store: StateStoreSession,
  projectKey: string,
  type: CanonicalEntityType,
): Promise<Map<string, T>> {
  const byId = new Map<string, T>();
  for await (const page of store.iterateSourceEntityPages(projectKey, type, { pageSize: 1000 })) {
    for (const entity of page) {
      const payload = entity.payload as unknown as T;
      byId.set(payload.id, payload);
    }
  }
  return byId;
}
