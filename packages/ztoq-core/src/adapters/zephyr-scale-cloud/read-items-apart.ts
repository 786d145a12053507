import { SourceAnswerInvalid } from '../../errors.js';
import { sortableKey } from '../../model/canonical.js';
import type { SourceItemFailure } from '../../ports/source.js';
import { concurrentMap } from './concurrent-map.js';

export interface ItemsRead<R> {
  entities: R[];
  failures: SourceItemFailure[];
}

/**
 * `concurrentMap` for the items of one stream page, where an item whose answers break the spec
 * (`SourceAnswerInvalid`, from its list entry or its own requests) fails alone: it becomes a
 * failure under the id the store would give it, and the page's other items are read. Any other
 * error (network, auth, a bug) still fails the page, as the engine retries or stops on those.
 */
export async function readItemsApart<T extends { id?: unknown; key?: unknown }, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<ItemsRead<R>> {
  const failures: SourceItemFailure[] = [];
  const results = await concurrentMap(items, limit, async (item) => {
    try {
      return { entity: await work(item) };
    } catch (error) {
      if (!(error instanceof SourceAnswerInvalid)) throw error;
      failures.push({ sourceId: sourceIdOfRaw(item), error: error.message.split('\n')[0] ?? error.message });
      return undefined;
    }
  });
  const entities = results.flatMap((result) => (result ? [result.entity] : []));
  return { entities, failures };
}

/**
 * The store id of an item not read: keyed entities are stored by their sortable key, the others
 * (and an item whose key is the missing field) by their id, as `canonicalSourceId` does.
 */
function sourceIdOfRaw(item: { id?: unknown; key?: unknown }): string {
  const handle =
    typeof item.key === 'string' ? item.key : item.id === undefined ? '(no key or id)' : String(item.id);
  return sortableKey(handle);
}
