import type {
  CanonicalEnvironment,
  CanonicalPriority,
  CanonicalStatus,
  CanonicalTestCase,
  CanonicalTestCycle,
  CanonicalTestExecution,
  CanonicalTestPlan,
  CustomFieldValue,
} from '../model/canonical.js';
import type { CensusField, CensusValueKind, SourceCensus } from '../model/census.js';
import type { StateStoreSession } from '../ports/state-store.js';
import { readById } from './read-by-id.js';

/** Distinct values kept per field; beyond it the field is free text, not a pick list. */
const MAX_FIELD_VALUES = 100;
const PAGE_SIZE = 500;

export interface CensusScope {
  /** Under `--limit`: only these test cases and their executions count. */
  testCaseKeys?: ReadonlySet<string>;
}

/**
 * Gathers the census page by page from the stored entities: what has to be mapped, never the
 * entities themselves, so memory stays bounded by the number of distinct values.
 */
export async function buildCensus(
  store: StateStoreSession,
  projectKey: string,
  scope: CensusScope = {},
): Promise<SourceCensus> {
  const statuses = await readById<CanonicalStatus>(store, projectKey, 'status');
  const priorities = await readById<CanonicalPriority>(store, projectKey, 'priority');
  const environments = await readById<CanonicalEnvironment>(store, projectKey, 'environment');

  const testCaseStatuses = new Set<string>();
  const testCasePriorities = new Set<string>();
  const executionStatuses = new Set<string>();
  const environmentNames = new Set<string>();
  const users = new Set<string>();
  const labels = new Set<string>();
  const components = new Set<string>();
  const fields = new Map<string, FieldTally>();
  let owners = false;
  let estimatedTime = false;
  const counts: SourceCensus['counts'] = {};
  const inScope = (key: string) => !scope.testCaseKeys || scope.testCaseKeys.has(key);
  const statusName = (id: string) => statuses.get(id)?.name ?? `unknown status ${id}`;

  let testCases = 0;
  for await (const page of store.iterateSourceEntityPages(projectKey, 'test-case', { pageSize: PAGE_SIZE })) {
    for (const entity of page) {
      const testCase = entity.payload as unknown as CanonicalTestCase;
      if (!inScope(testCase.key)) continue;
      testCases += 1;
      testCaseStatuses.add(statusName(testCase.statusId));
      testCasePriorities.add(
        priorities.get(testCase.priorityId)?.name ?? `unknown priority ${testCase.priorityId}`,
      );
      for (const label of testCase.labels) labels.add(label);
      if (testCase.componentId !== undefined) components.add(testCase.componentId);
      if (testCase.ownerId !== undefined) {
        owners = true;
        users.add(testCase.ownerId);
      }
      if (testCase.estimatedTimeMs !== undefined) estimatedTime = true;
      for (const [name, value] of Object.entries(testCase.customFields)) tally(fields, name, value);
    }
  }
  counts['test-case'] = testCases;

  let executions = 0;
  for await (const page of store.iterateSourceEntityPages(projectKey, 'test-execution', {
    pageSize: PAGE_SIZE,
  })) {
    for (const entity of page) {
      const execution = entity.payload as unknown as CanonicalTestExecution;
      if (!inScope(execution.testCaseKey)) continue;
      executions += 1;
      if (execution.actualEndDate !== undefined) {
        executionStatuses.add(statusName(execution.statusId));
        for (const step of execution.stepResults) executionStatuses.add(statusName(step.statusId));
      }
      if (execution.environmentId !== undefined) {
        environmentNames.add(
          environments.get(execution.environmentId)?.name ?? `unknown environment ${execution.environmentId}`,
        );
      }
      if (execution.executedById !== undefined) users.add(execution.executedById);
      if (execution.assignedToId !== undefined) users.add(execution.assignedToId);
    }
  }
  counts['test-execution'] = executions;

  for (const type of ['test-cycle', 'test-plan'] as const) {
    let count = 0;
    for await (const page of store.iterateSourceEntityPages(projectKey, type, { pageSize: PAGE_SIZE })) {
      for (const entity of page) {
        count += 1;
        const owner = (entity.payload as unknown as CanonicalTestCycle | CanonicalTestPlan).ownerId;
        if (owner !== undefined) users.add(owner);
      }
    }
    counts[type] = count;
  }
  counts.folder = await store.countSourceEntities(projectKey, 'folder');

  const sorted = (values: Iterable<string>) => [...values].sort();
  return {
    projectKey,
    counts,
    testCaseStatuses: sorted(testCaseStatuses),
    testCasePriorities: sorted(testCasePriorities),
    executionStatuses: sorted(executionStatuses),
    environments: sorted(environmentNames),
    users: sorted(users),
    testCaseFields: [...fields.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(
        ([name, field]): CensusField => ({
          name,
          kinds: sorted(field.kinds) as CensusValueKind[],
          values: sorted(field.values),
          manyValues: field.manyValues,
        }),
      ),
    testCaseAttributes: { labels: sorted(labels), components: sorted(components), owners, estimatedTime },
  };
}

interface FieldTally {
  kinds: Set<CensusValueKind>;
  values: Set<string>;
  manyValues: boolean;
}

function tally(fields: Map<string, FieldTally>, name: string, value: CustomFieldValue): void {
  let field = fields.get(name);
  if (!field) {
    field = { kinds: new Set(), values: new Set(), manyValues: false };
    fields.set(name, field);
  }
  if (value === null) return;
  field.kinds.add(valueKind(value));
  for (const item of Array.isArray(value) ? value : [String(value)]) {
    if (field.values.has(item)) continue;
    if (field.values.size >= MAX_FIELD_VALUES) field.manyValues = true;
    else field.values.add(item);
  }
}

/** Zephyr has no field definitions, so a field's type is read off its values. */
export function valueKind(value: Exclude<CustomFieldValue, null>): CensusValueKind {
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'date';
  if (/<br\s*\/?>|\n/i.test(value)) return 'multiline';
  return 'text';
}
