import type { QTestField, QTestSettings } from '../../../../src/adapters/qtest/qtest-context.js';
import type {
  CanonicalEntityMap,
  CanonicalEnvironment,
  CanonicalFolder,
  CanonicalPriority,
  CanonicalStatus,
  CanonicalTestCase,
  CanonicalTestCycle,
  CanonicalTestExecution,
  CanonicalTestPlan,
} from '../../../../src/model/canonical.js';
import type { SourceCensus } from '../../../../src/model/census.js';
import type { MappingLookups } from '../../../../src/ports/target.js';

/**
 * A qTest project as a new one looks (the simulator's system fields and execution statuses)
 * and Zephyr data shaped like the generator's, small enough to read in each test.
 */
export function qtestSettings(
  extra: Partial<Record<keyof QTestSettings['fields'], QTestField[]>> = {},
): QTestSettings {
  return {
    projectId: 1001,
    fields: {
      'test-cases': [
        field(10, 'Status', 3, ['New', 'In Review', 'Approved', 'Obsolete'], { systemField: true }),
        field(11, 'Type', 3, ['Manual', 'Automation'], { systemField: true, defaultValue: '201' }),
        field(12, 'Priority', 3, ['Urgent', 'High', 'Medium', 'Low'], { systemField: true }),
        field(13, 'Assigned To', 5, [], { systemField: true }),
        ...(extra['test-cases'] ?? []),
      ],
      'test-runs': [
        field(30, 'Status', 3, ['Passed', 'Failed'], { systemField: true }),
        ...(extra['test-runs'] ?? []),
      ],
      releases: [...(extra.releases ?? [])],
    },
    executionStatuses: [
      { id: 601, name: 'Passed' },
      { id: 602, name: 'Failed' },
      { id: 603, name: 'Incomplete' },
      { id: 604, name: 'Blocked' },
      { id: 605, name: 'Unexecuted' },
    ],
    users: [
      { id: 7, username: 'ada@example.test', email: 'ada@example.test', firstName: 'Ada', lastName: 'Admin' },
      { id: 8, username: 'tom', email: 'tom.tester@example.test', firstName: 'Tom', lastName: 'Tester' },
    ],
  };
}

/** A field whose allowed values get ids `id * 100 + 1`, `id * 100 + 2`, … */
export function field(
  id: number,
  label: string,
  dataType: number,
  values: readonly string[] = [],
  options: Partial<Pick<QTestField, 'systemField' | 'required' | 'defaultValue' | 'multiple'>> = {},
): QTestField {
  return {
    id,
    label,
    dataType,
    multiple: options.multiple ?? (dataType === 17 || dataType === 8),
    required: options.required ?? false,
    systemField: options.systemField ?? false,
    allowedValues: values.map((label, index) => ({ value: id * 100 + index + 1, label })),
    ...(options.defaultValue === undefined ? {} : { defaultValue: options.defaultValue }),
  };
}

/** The marker fields preflight creates, as they exist after a real (not dry) preflight. */
export function withMarkerFields(settings: QTestSettings): QTestSettings {
  settings.fields['test-cases'].push(field(20, 'Zephyr Key', 1));
  settings.fields.releases.push(field(40, 'Zephyr Key', 1));
  return settings;
}

export function census(overrides: Partial<SourceCensus> = {}): SourceCensus {
  return {
    projectKey: 'DEMO',
    counts: {},
    testCaseStatuses: ['Draft', 'Approved'],
    testCasePriorities: ['High', 'Normal', 'Low'],
    executionStatuses: ['Pass', 'Fail', 'Not Executed'],
    environments: [],
    users: [],
    testCaseFields: [],
    testCaseAttributes: { labels: [], components: [], owners: false, estimatedTime: false },
    ...overrides,
  };
}

export const STATUSES: CanonicalStatus[] = [
  { id: '1', kind: 'test-case', name: 'Draft', archived: false, isDefault: true },
  { id: '2', kind: 'test-case', name: 'Approved', archived: false, isDefault: false },
  { id: '3', kind: 'test-execution', name: 'Pass', archived: false, isDefault: false },
  { id: '4', kind: 'test-execution', name: 'Fail', archived: false, isDefault: false },
  { id: '5', kind: 'test-execution', name: 'Not Executed', archived: false, isDefault: true },
  { id: '6', kind: 'test-cycle', name: 'In Progress', archived: false, isDefault: false },
  { id: '7', kind: 'test-plan', name: 'Approved', archived: false, isDefault: false },
];
export const PRIORITIES: CanonicalPriority[] = [
  { id: '11', name: 'High', isDefault: false },
  { id: '12', name: 'Normal', isDefault: true },
  { id: '13', name: 'Someday', isDefault: false },
];
export const ENVIRONMENTS: CanonicalEnvironment[] = [
  { id: '21', name: 'Chrome', archived: false },
  { id: '22', name: 'Safari', archived: false },
];
export const FOLDERS: CanonicalFolder[] = [
  { id: '31', parentId: null, name: 'Regression', index: 0, kind: 'test-case' },
  { id: '32', parentId: '31', name: 'Payments', index: 0, kind: 'test-case' },
  { id: '33', parentId: null, name: 'Sprint cycles', index: 0, kind: 'test-cycle' },
  { id: '34', parentId: '33', name: 'Sprint 1', index: 0, kind: 'test-cycle' },
  { id: '35', parentId: null, name: 'Plans 2025', index: 0, kind: 'test-plan' },
];

export function testCase(overrides: Partial<CanonicalTestCase> = {}): CanonicalTestCase {
  return {
    id: '1001',
    key: 'DEMO-T1',
    name: 'Login works',
    labels: [],
    priorityId: '11',
    statusId: '2',
    customFields: {},
    links: { issues: [], webLinks: [] },
    content: { kind: 'none' },
    version: 1,
    versionCount: 1,
    ...overrides,
  };
}

export function testPlan(overrides: Partial<CanonicalTestPlan> = {}): CanonicalTestPlan {
  return {
    id: '2001',
    key: 'DEMO-P1',
    name: 'Release 1.0',
    statusId: '7',
    labels: [],
    customFields: {},
    links: { issues: [], webLinks: [] },
    testCycleIds: [],
    ...overrides,
  };
}

export function testCycle(overrides: Partial<CanonicalTestCycle> = {}): CanonicalTestCycle {
  return {
    id: '3001',
    key: 'DEMO-R1',
    name: 'Smoke',
    statusId: '6',
    customFields: {},
    links: { issues: [], webLinks: [] },
    testPlanIds: [],
    ...overrides,
  };
}

export function execution(overrides: Partial<CanonicalTestExecution> = {}): CanonicalTestExecution {
  return {
    id: '4001',
    key: 'DEMO-E1',
    testCaseKey: 'DEMO-T1',
    testCaseVersion: 1,
    testCycleId: '3001',
    statusId: '3',
    automated: false,
    customFields: {},
    issueLinks: [],
    stepResults: [],
    ...overrides,
  };
}

/** Lookups over plain arrays; `calls` counts reads of each test case, to see caching. */
export function lookups(
  content: {
    testCases?: CanonicalTestCase[];
    plans?: CanonicalTestPlan[];
    cycles?: CanonicalTestCycle[];
    folders?: CanonicalFolder[];
  } = {},
): MappingLookups & { calls: Map<string, number> } {
  const byId =
    <T extends { id: string }>(items: readonly T[]) =>
    (id: string) =>
      items.find((item) => item.id === id);
  const calls = new Map<string, number>();
  const cases = content.testCases ?? [];
  return {
    calls,
    status: byId(STATUSES),
    priority: byId(PRIORITIES),
    environment: byId(ENVIRONMENTS),
    folder: byId(content.folders ?? FOLDERS),
    testPlan: byId(content.plans ?? []),
    testCycle: byId(content.cycles ?? []),
    testCase: async (key: string): Promise<CanonicalEntityMap['test-case'] | undefined> => {
      calls.set(key, (calls.get(key) ?? 0) + 1);
      return cases.find((candidate) => candidate.key === key);
    },
  };
}
