import type {
  CanonicalEnvironment,
  CanonicalFolder,
  CanonicalPriority,
  CanonicalStatus,
  CanonicalTestCase,
  CanonicalTestCycle,
  CanonicalTestPlan,
} from '../model/canonical.js';
import { sortableKey } from '../model/canonical.js';
import type { StateStoreSession } from '../ports/state-store.js';
import type { MappingLookups } from '../ports/target.js';
import { readById } from './read-by-id.js';

/** Test cases kept in memory while mapping; executions of one case tend to come close together. */
const TEST_CASE_CACHE_SIZE = 2000;

/**
 * The lookups the mapper reads. Statuses, priorities, environments, folders, plans and cycles
 * are few (hundreds to a few thousand) and held in memory; test cases can be 100,000 and are
 * read from the store on demand through a small least-recently-used cache.
 */
export async function loadMappingLookups(
  store: StateStoreSession,
  projectKey: string,
): Promise<MappingLookups> {
  const statuses = await readById<CanonicalStatus>(store, projectKey, 'status');
  const priorities = await readById<CanonicalPriority>(store, projectKey, 'priority');
  const environments = await readById<CanonicalEnvironment>(store, projectKey, 'environment');
  const folders = await readById<CanonicalFolder>(store, projectKey, 'folder');
  const plans = await readById<CanonicalTestPlan>(store, projectKey, 'test-plan');
  const cycles = await readById<CanonicalTestCycle>(store, projectKey, 'test-cycle');
  const testCases = new Map<string, CanonicalTestCase | undefined>();

  return {
    status: (id) => statuses.get(id),
    priority: (id) => priorities.get(id),
    environment: (id) => environments.get(id),
    folder: (id) => folders.get(id),
    testPlan: (id) => plans.get(id),
    testCycle: (id) => cycles.get(id),
    async testCase(key) {
      if (testCases.has(key)) {
        const cached = testCases.get(key);
        testCases.delete(key);
        testCases.set(key, cached);
        return cached;
      }
      const stored = await store.getSourceEntity(projectKey, 'test-case', sortableKey(key));
      const testCase = stored?.payload as unknown as CanonicalTestCase | undefined;
      testCases.set(key, testCase);
      if (testCases.size > TEST_CASE_CACHE_SIZE) {
        const oldest = testCases.keys().next().value;
        if (oldest !== undefined) testCases.delete(oldest);
      }
      return testCase;
    },
  };
}
