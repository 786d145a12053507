import type {
  DatasetStep,
  DatasetTestCase,
  DatasetTestExecution,
  ProjectState,
  QTestStore,
  ZephyrDataset,
} from '@ztoq/simulators';

/**
 * Checks, entity by entity, that a qTest project holds exactly what the default mapping
 * rules say the Zephyr data set becomes — written from the rules, not from the mapper's code,
 * so a mapper bug cannot hide behind its own expectations. Returns every difference found.
 */
export interface MigratedExpectations {
  dataset: ZephyrDataset;
  store: QTestStore;
  projectId: number;
  /** Name of the root module and cycle. */
  root: string;
  executionStatus: Record<string, string>;
  /** Only these test cases (a `--limit` rehearsal); all when absent. */
  testCaseKeys?: ReadonlySet<string>;
  /**
   * Zephyr test cases deleted after an earlier migration (`dataset` is then the current facts,
   * `zephyr.store.currentDataset()`). ztoq never deletes, so their qTest cases, runs and logs
   * may stay; they are tolerated, not required.
   */
  deletedTestCaseKeys?: ReadonlySet<string>;
  /** Zephyr executions deleted after an earlier migration, by key: their qTest logs may stay. */
  deletedExecutionKeys?: ReadonlySet<string>;
}

const PRIORITY: Record<string, string> = { High: 'High', Normal: 'Medium', Low: 'Low' };
const TEST_CASE_STATUS: Record<string, string> = {
  Draft: 'New',
  Approved: 'Approved',
  Deprecated: 'Obsolete',
};
const EXECUTION_STATUS: Record<string, string> = {
  Pass: 'Passed',
  Fail: 'Failed',
  Blocked: 'Blocked',
  'In Progress': 'Incomplete',
  'Not Executed': 'Unexecuted',
};

export function differencesFromExpected(expected: MigratedExpectations): string[] {
  const { dataset, store, projectId, root } = expected;
  const project = store.project(projectId) as ProjectState;
  const problems: string[] = [];
  const inScope = (key: string) => !expected.testCaseKeys || expected.testCaseKeys.has(key);
  // A note names its execution's key; DEMO-E1 must not match the note of DEMO-E12.
  const deletedExecution = (note: string | undefined) =>
    [...(expected.deletedExecutionKeys ?? [])].some((key) =>
      new RegExp(`${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![0-9])`).test(note ?? ''),
    );
  const field = (objectType: 'test-cases' | 'test-runs' | 'releases', label: string) =>
    project.fieldsOf(objectType).find((candidate) => candidate.label === label);
  const valueLabel = (objectType: 'test-cases' | 'test-runs', label: string, value: string | undefined) =>
    field(objectType, label)?.allowedValues.find((allowed) => String(allowed.value) === value)?.label;
  const propertyOf = (
    properties: readonly { fieldId: number; value: string }[],
    objectType: 'test-cases' | 'test-runs' | 'releases',
    label: string,
  ) => properties.find((property) => property.fieldId === field(objectType, label)?.id)?.value;
  const statusName = (id: number) => dataset.statuses.find((status) => status.id === id)?.name ?? `?${id}`;

  // Modules: the root, then TEST_CASE folders with the same names and nesting.
  const modules = [...project.modules.values()];
  const rootModule = modules.filter((module) => module.parentId === undefined && module.name === root);
  if (rootModule.length !== 1)
    problems.push(`expected one root module "${root}", found ${rootModule.length}`);
  const moduleOfFolder = new Map<number | undefined, number>();
  moduleOfFolder.set(undefined, rootModule[0]?.id ?? -1);
  const caseFolders = dataset.folders.filter((folder) => folder.folderType === 'TEST_CASE');
  for (const folder of orderParentsFirst(caseFolders)) {
    const parent = moduleOfFolder.get(folder.parentId ?? undefined);
    const matches = modules.filter((module) => module.parentId === parent && module.name === folder.name);
    if (matches.length !== 1)
      problems.push(`folder ${folder.id} "${folder.name}": ${matches.length} modules`);
    if (matches[0]) moduleOfFolder.set(folder.id, matches[0].id);
  }
  if (modules.length !== caseFolders.length + 1) {
    problems.push(`expected ${caseFolders.length + 1} modules, found ${modules.length}`);
  }

  // Test cases, found by their Zephyr Key.
  const keyField = field('test-cases', 'Zephyr Key');
  const casesByKey = new Map<string, number[]>();
  for (const testCase of project.testCases.values()) {
    const key = testCase.properties.find((property) => property.fieldId === keyField?.id)?.value ?? '';
    casesByKey.set(key, [...(casesByKey.get(key) ?? []), testCase.id]);
  }
  let expectedCases = 0;
  for (let index = 0; index < dataset.testCases.count; index += 1) {
    const source = dataset.testCases.at(index);
    if (!inScope(source.key)) continue;
    expectedCases += 1;
    const ids = casesByKey.get(source.key) ?? [];
    if (ids.length !== 1) {
      problems.push(`${source.key}: ${ids.length} qTest test cases`);
      continue;
    }
    const testCase = project.testCases.get(ids[0] as number);
    if (!testCase) continue;
    const where = `${source.key}`;
    if (testCase.name !== source.name) problems.push(`${where} name "${testCase.name}" ≠ "${source.name}"`);
    if (testCase.moduleId !== moduleOfFolder.get(source.folderId))
      problems.push(`${where} is in the wrong module`);
    if (source.precondition && !text(testCase.precondition).includes(text(source.precondition))) {
      problems.push(`${where} precondition not carried`);
    }
    if (source.objective && !text(testCase.description).includes(text(source.objective))) {
      problems.push(`${where} objective not in the description`);
    }
    const priority = dataset.priorities.find((candidate) => candidate.id === source.priorityId)?.name ?? '';
    const gotPriority = valueLabel(
      'test-cases',
      'Priority',
      propertyOf(testCase.properties, 'test-cases', 'Priority'),
    );
    if (gotPriority !== PRIORITY[priority])
      problems.push(`${where} priority ${gotPriority} ≠ ${PRIORITY[priority]}`);
    const status = statusName(source.statusId);
    const gotStatus = valueLabel(
      'test-cases',
      'Status',
      propertyOf(testCase.properties, 'test-cases', 'Status'),
    );
    if (gotStatus !== TEST_CASE_STATUS[status])
      problems.push(`${where} status ${gotStatus} ≠ ${TEST_CASE_STATUS[status]}`);
    for (const [name, value] of Object.entries(source.customFields)) {
      if (value === null) continue;
      const got = propertyOf(testCase.properties, 'test-cases', name);
      if (got === undefined) problems.push(`${where} custom field "${name}" missing`);
    }
    const steps = project.latestVersion(testCase).steps;
    const expectedSteps = expectedStepTexts(dataset, source);
    if (steps.length !== expectedSteps.length) {
      problems.push(`${where} has ${steps.length} steps, expected ${expectedSteps.length}`);
    } else {
      expectedSteps.forEach((step, position) => {
        const got = steps[position];
        if (!got) return;
        if (!text(got.description).includes(text(step.description))) {
          problems.push(`${where} step ${position + 1} description does not hold the Zephyr text`);
        }
        if (step.testData && !text(got.description).includes(text(step.testData))) {
          problems.push(`${where} step ${position + 1} test data missing`);
        }
        if (text(got.expected) !== text(step.expected)) {
          problems.push(`${where} step ${position + 1} expected "${got.expected}" ≠ "${step.expected}"`);
        }
      });
    }
  }
  // A case deleted in Zephyr may stay in qTest (at most once).
  for (const key of expected.deletedTestCaseKeys ?? []) {
    const left = casesByKey.get(key)?.length ?? 0;
    if (left > 1) problems.push(`${key} (deleted in Zephyr): ${left} qTest test cases`);
    expectedCases += Math.min(left, 1);
  }
  if (project.testCases.size !== expectedCases) {
    problems.push(`expected ${expectedCases} test cases, found ${project.testCases.size}`);
  }

  // Releases: one per plan, by name.
  const releases = [...project.releases.values()];
  for (const plan of dataset.testPlans) {
    const count = releases.filter((release) => release.name === plan.name).length;
    if (count !== 1) problems.push(`plan ${plan.key}: ${count} releases named "${plan.name}"`);
  }
  if (releases.length !== dataset.testPlans.length) {
    problems.push(`expected ${dataset.testPlans.length} releases, found ${releases.length}`);
  }

  // Cycles: root, TEST_CYCLE folders nested, each Zephyr cycle inside its folder's cycle, ad hoc.
  const cycles = [...project.testCycles.values()];
  const rootCycles = cycles.filter((cycle) => cycle.parent.type === 'root' && cycle.name === root);
  if (rootCycles.length !== 1) problems.push(`expected one root cycle "${root}", found ${rootCycles.length}`);
  const cycleOfFolder = new Map<number | undefined, number>([[undefined, rootCycles[0]?.id ?? -1]]);
  const cycleFolders = dataset.folders.filter((folder) => folder.folderType === 'TEST_CYCLE');
  const childCycles = (parent: number | undefined, name: string) =>
    cycles.filter(
      (cycle) => cycle.parent.type === 'test-cycle' && cycle.parent.id === parent && cycle.name === name,
    );
  for (const folder of orderParentsFirst(cycleFolders)) {
    const matches = childCycles(cycleOfFolder.get(folder.parentId ?? undefined), folder.name);
    if (matches.length !== 1)
      problems.push(`cycle folder ${folder.id} "${folder.name}": ${matches.length} cycles`);
    if (matches[0]) cycleOfFolder.set(folder.id, matches[0].id);
  }
  const cycleOfZephyr = new Map<number | undefined, number>();
  for (const source of dataset.testCycles) {
    const matches = childCycles(cycleOfFolder.get(source.folderId), source.name).filter((cycle) =>
      (cycle.description ?? '').includes(source.key),
    );
    if (matches.length !== 1) problems.push(`cycle ${source.key}: ${matches.length} qTest cycles`);
    const cycle = matches[0];
    if (!cycle) continue;
    cycleOfZephyr.set(source.id, cycle.id);
    const firstPlan = dataset.testPlans.find((plan) => plan.id === source.testPlanIds[0]);
    const release = releases.find((candidate) => candidate.name === firstPlan?.name);
    if (firstPlan && cycle.targetReleaseId !== release?.id)
      problems.push(`cycle ${source.key} target release`);
  }
  const adHoc = childCycles(rootCycles[0]?.id, 'Ad hoc executions');
  if (adHoc.length !== 1) problems.push(`expected one "Ad hoc executions" cycle, found ${adHoc.length}`);
  cycleOfZephyr.set(undefined, adHoc[0]?.id ?? -1);
  const expectedCycles = 1 + cycleFolders.length + dataset.testCycles.length + 1;
  if (cycles.length !== expectedCycles)
    problems.push(`expected ${expectedCycles} cycles, found ${cycles.length}`);

  // Runs per (cycle, case, environment) and logs per executed execution.
  const runs = [...project.testRuns.values()];
  const executionsByRun = new Map<string, DatasetTestExecution[]>();
  for (let index = 0; index < dataset.testExecutions.count; index += 1) {
    const execution = dataset.testExecutions.at(index);
    if (!inScope(execution.testCaseKey)) continue;
    const runKey = `${execution.testCycleId ?? 'ad-hoc'}|${execution.testCaseKey}|${execution.environmentId ?? ''}`;
    executionsByRun.set(runKey, [...(executionsByRun.get(runKey) ?? []), execution]);
  }
  const envField = field('test-runs', 'Environment');
  let expectedLogs = 0;
  for (const executions of executionsByRun.values()) {
    const first = executions[0] as DatasetTestExecution;
    const where = `run of ${first.testCaseKey} in cycle ${first.testCycleId ?? 'ad hoc'} env ${first.environmentId ?? '-'}`;
    const caseId = casesByKey.get(first.testCaseKey)?.[0];
    const environment = dataset.environments.find((candidate) => candidate.id === first.environmentId)?.name;
    const matches = runs.filter((run) => {
      if (run.parent.type !== 'test-cycle' || run.parent.id !== cycleOfZephyr.get(first.testCycleId))
        return false;
      if (run.testCaseId !== caseId) return false;
      const value = run.properties.find((property) => property.fieldId === envField?.id)?.value;
      return (
        (envField?.allowedValues.find((allowed) => String(allowed.value) === value)?.label ?? undefined) ===
        environment
      );
    });
    if (matches.length !== 1) {
      problems.push(`${where}: ${matches.length} runs`);
      continue;
    }
    const run = matches[0];
    if (!run) continue;
    // Logs of executions deleted in Zephyr may stay in the run.
    const logs = project.logsOf(run).filter((log) => !deletedExecution(log.note));
    const executed = executions
      .filter((execution) => execution.actualEndDate !== undefined)
      .sort((a, b) => String(a.actualEndDate).localeCompare(String(b.actualEndDate)) || a.id - b.id);
    expectedLogs += executed.length;
    if (logs.length !== executed.length) {
      problems.push(`${where}: ${logs.length} logs, expected ${executed.length}`);
      continue;
    }
    executed.forEach((execution, position) => {
      const log = logs.find((candidate) => (candidate.note ?? '').includes(execution.key));
      if (!log) {
        problems.push(`${execution.key}: no log`);
        return;
      }
      if (logs[position] !== log) problems.push(`${execution.key}: log out of date order`);
      const status = statusName(execution.statusId);
      const expectedStatus = EXECUTION_STATUS[status] ?? expected.executionStatus[status];
      const gotStatus = project.executionStatuses.find((candidate) => candidate.id === log.statusId)?.name;
      if (gotStatus !== expectedStatus)
        problems.push(`${execution.key}: status ${gotStatus} ≠ ${expectedStatus}`);
      if (Date.parse(log.exeEndDate) !== Date.parse(execution.actualEndDate as string)) {
        problems.push(`${execution.key}: end ${log.exeEndDate} ≠ ${execution.actualEndDate}`);
      }
      const start = Date.parse(execution.actualEndDate as string) - (execution.executionTime ?? 0);
      if (Date.parse(log.exeStartDate) !== start) problems.push(`${execution.key}: start date`);
      if (execution.comment && !text(log.note).includes(text(execution.comment))) {
        problems.push(`${execution.key}: comment not in the note`);
      }
      const stepCount = Math.min(
        execution.stepResults.length,
        project.latestVersion(project.testCases.get(run.testCaseId) as never).steps.length,
      );
      if (log.stepLogs.length !== stepCount) {
        problems.push(`${execution.key}: ${log.stepLogs.length} step logs, expected ${stepCount}`);
      }
    });
  }
  // Runs of deleted cases may stay, with their logs; logs of deleted executions may stay too.
  const deletedCaseIds = new Set(
    [...(expected.deletedTestCaseKeys ?? [])].flatMap((key) => casesByKey.get(key) ?? []),
  );
  const keptRuns = runs.filter((run) => !deletedCaseIds.has(run.testCaseId));
  const keptRunIds = new Set(keptRuns.map((run) => run.id));
  const keptLogs = [...project.testLogs.values()].filter(
    (log) => keptRunIds.has(log.testRunId) && !deletedExecution(log.note),
  );
  // A run whose every execution was deleted may stay, empty of expected logs.
  const leftoverRuns = keptRuns.filter(
    (run) => project.logsOf(run).length > 0 && project.logsOf(run).every((log) => deletedExecution(log.note)),
  ).length;
  if (keptRuns.length - leftoverRuns !== executionsByRun.size)
    problems.push(`expected ${executionsByRun.size} runs, found ${keptRuns.length - leftoverRuns}`);
  if (keptLogs.length !== expectedLogs)
    problems.push(`expected ${expectedLogs} logs, found ${keptLogs.length}`);
  return problems;
}

interface StepText {
  description: string;
  testData?: string;
  expected: string;
}

/** Inline steps in order with call-to-test steps expanded; a script is one step. */
function expectedStepTexts(dataset: ZephyrDataset, testCase: DatasetTestCase, depth = 0): StepText[] {
  const content = testCase.content;
  if (content.kind === 'none') return [];
  if (content.kind !== 'steps') return [{ description: content.text, expected: '' }];
  return content.steps.flatMap((step: DatasetStep): StepText[] => {
    if (step.kind === 'inline') {
      return [
        {
          description: step.description ?? '',
          ...(step.testData ? { testData: step.testData } : {}),
          expected: step.expectedResult ?? '',
        },
      ];
    }
    const index = dataset.testCaseIndex(step.testCaseKey);
    if (index === undefined || depth > 10) return [];
    return expectedStepTexts(dataset, dataset.testCases.at(index), depth + 1);
  });
}

function orderParentsFirst<T extends { id: number; parentId: number | null }>(folders: readonly T[]): T[] {
  const depth = (folder: T): number => {
    const parent = folders.find((candidate) => candidate.id === folder.parentId);
    return parent ? depth(parent) + 1 : 0;
  };
  return [...folders].sort((a, b) => depth(a) - depth(b));
}

/** Compares text as a reader sees it: tags, entities and line-break markup do not matter. */
export function text(value: string | undefined): string {
  return (value ?? '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
