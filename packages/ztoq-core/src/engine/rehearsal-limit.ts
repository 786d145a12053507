import type { CanonicalTestCase } from '../model/canonical.js';
import type { StateStoreSession } from '../ports/state-store.js';

/**
 * The test cases a `--limit N` rehearsal covers: the first N in source-id order (key order),
 * which are the first N the source lists when the extract itself ran under the limit.
 */
export async function limitedTestCaseKeys(
  store: StateStoreSession,
  projectKey: string,
  limit: number,
): Promise<string[]> {
  const keys: string[] = [];
  for await (const page of store.iterateSourceEntityPages(projectKey, 'test-case', {
    pageSize: Math.min(limit, 500),
  })) {
    for (const entity of page) {
      keys.push((entity.payload as unknown as CanonicalTestCase).key);
      if (keys.length >= limit) return keys;
    }
  }
  return keys;
}
