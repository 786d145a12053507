import type { qtestApi } from '@ztoq/core';
import type { z } from 'zod';
import { SimHttpError } from '../server/simulator-server.js';
import { resolveProperties } from './field-values.js';
import type {
  ExecutionStatus,
  ProjectState,
  QTestStore,
  StoredTestCase,
  StoredTestCaseVersion,
  StoredTestRun,
  StoredTestSuite,
  StoredUser,
} from './qtest-store.js';
import { ROOT } from './qtest-store.js';
import { moduleNamed } from './routes/test-cases.js';
import { checkExecutionDates, optionalLogFields } from './routes/test-logs.js';
import type { automationTestLogBody } from './validation.js';

export type AutomationLog = z.infer<typeof automationTestLogBody>;
type PropertyResource = qtestApi.components['schemas']['PropertyResource'];

/** Where the automation API puts what it creates (spec texts of both submit operations). */
const AUTOMATION_MODULE = 'Automation';
export const AUTOMATION_SUITE = 'Automation Test Suite';

/**
 * Checks one automation log before anything is stored: its dates, and that its status names
 * (`PASSED`) map to execution statuses.
 */
export function checkAutomationLog(project: ProjectState, log: AutomationLog, where: string): void {
  checkExecutionDates(log.exe_start_date, log.exe_end_date);
  automationStatus(project, log.status, `${where}status`);
  log.test_step_logs?.forEach((stepLog, index) => {
    if (stepLog.status !== undefined)
      automationStatus(project, stepLog.status, `${where}test_step_logs[${index}].status`);
  });
}

/**
 * qTest maps automation status names to execution statuses in its Automation Settings; the
 * simulator maps them by name, ignoring case (`PASSED` → Passed) and refuses other names.
 */
function automationStatus(project: ProjectState, name: string, where: string): ExecutionStatus {
  const status = project.executionStatuses.find(
    (candidate) => candidate.name.toLowerCase() === name.toLowerCase(),
  );
  if (!status) {
    const known = project.executionStatuses.map((candidate) => candidate.name.toUpperCase()).join(', ');
    throw new SimHttpError(400, `${where}: automation status "${name}" is not mapped (${known})`);
  }
  return status;
}

/** The automation test case whose Automation Content is the log's `automation_content`. */
export function findAutomationTestCase(
  project: ProjectState,
  automationContent: string,
): StoredTestCase | undefined {
  const contentField = systemField(project, 'Automation Content');
  return [...project.testCases.values()].find((testCase) =>
    testCase.properties.some(
      (property) => property.fieldId === contentField && property.value === automationContent,
    ),
  );
}

/**
 * A new automation test case for a log, under the Automation module (below `parentModuleId`
 * when given, then along `module_names`), its steps taken from the step logs.
 */
export function createAutomationTestCase(
  store: QTestStore,
  project: ProjectState,
  author: StoredUser,
  log: AutomationLog,
  parentModuleId: number | undefined,
): StoredTestCase {
  let module = moduleNamed(store, project, AUTOMATION_MODULE, parentModuleId);
  for (const name of log.module_names ?? []) module = moduleNamed(store, project, name, module.id);
  return store.addTestCase(project, {
    name: log.name,
    moduleId: module.id,
    properties: resolveProperties(
      project,
      'test-cases',
      automationProperties(project, log.automation_content),
      store.users(),
    ),
    steps: (log.test_step_logs ?? []).map((stepLog) => ({
      description: stepLog.description,
      expected: stepLog.expected_result,
    })),
    creatorId: author.id,
  });
}

/** A root suite with that name, created when missing. */
export function suiteNamed(store: QTestStore, project: ProjectState, name: string): StoredTestSuite {
  const existing = [...project.testSuites.values()].find(
    (suite) => suite.parent.type === 'root' && suite.name === name,
  );
  return existing ?? store.addTestSuite(project, { name, parent: ROOT, properties: [] });
}

export function newAutomationRun(
  store: QTestStore,
  project: ProjectState,
  author: StoredUser,
  testCase: StoredTestCase,
  suite: StoredTestSuite,
  name: string,
): StoredTestRun {
  return store.addTestRun(project, {
    name,
    parent: { type: 'test-suite', id: suite.id },
    properties: [],
    testCaseId: testCase.id,
    testCaseVersionId: project.latestVersion(testCase).id,
    creatorId: author.id,
    automated: true,
  });
}

export type PreparedLog = Omit<Parameters<QTestStore['addTestLog']>[1], 'testRunId'>;

/**
 * Turns an automation log into the log to store against a test case version. Automation step
 * logs name no step; the simulator pairs them with the version's steps by position and refuses
 * a count that differs (qTest would change the test case, which the simulator does not model).
 */
export function prepareAutomationLog(
  project: ProjectState,
  author: StoredUser,
  testCase: StoredTestCase,
  version: StoredTestCaseVersion,
  log: AutomationLog,
): PreparedLog {
  const stepLogs = log.test_step_logs ?? [];
  if (stepLogs.length > 0 && stepLogs.length !== version.steps.length) {
    throw new SimHttpError(
      400,
      `test_step_logs: ${stepLogs.length} step logs for test case ${testCase.pid} version ${version.version}, which has ${version.steps.length} steps`,
    );
  }
  // A step log without a status was not executed: the default status (Unexecuted).
  const defaultStatus = project.executionStatuses.find((status) => status.isDefault);
  if (!defaultStatus) throw new Error(`project ${project.id} has no default execution status`);
  return {
    statusId: automationStatus(project, log.status, 'status').id,
    exeStartDate: log.exe_start_date,
    exeEndDate: log.exe_end_date,
    testCaseVersionId: version.id,
    name: log.name,
    automationContent: log.automation_content,
    ...optionalLogFields(log),
    properties: [],
    stepLogs: stepLogs.map((stepLog, index) => {
      const step = version.steps[index];
      if (!step) throw new Error('step logs and steps were counted equal');
      const status =
        stepLog.status === undefined
          ? defaultStatus
          : automationStatus(project, stepLog.status, `test_step_logs[${index}].status`);
      return {
        testStepId: step.id,
        statusId: status.id,
        description: step.description,
        expectedResult: step.expected,
        ...(stepLog.actual_result === undefined ? {} : { actualResult: stepLog.actual_result }),
        order: step.order,
      };
    }),
    authorId: author.id,
  };
}

export function versionOfRun(testCase: StoredTestCase, run: StoredTestRun): StoredTestCaseVersion {
  const version = testCase.versions.find((candidate) => candidate.id === run.testCaseVersionId);
  if (!version) throw new Error(`test run ${run.id} points at a missing version`);
  return version;
}

/** Marks a new test case as automated, with the defaults of every other field. */
function automationProperties(project: ProjectState, automationContent: string): PropertyResource[] {
  const properties: PropertyResource[] = [];
  const content = systemField(project, 'Automation Content');
  if (content !== undefined) properties.push({ field_id: content, field_value: automationContent });
  for (const [label, valueLabel] of [
    ['Automation', 'Yes'],
    ['Type', 'Automation'],
  ] as const) {
    const field = project
      .fieldsOf('test-cases')
      .find((candidate) => candidate.systemField && candidate.label === label);
    const value = field?.allowedValues.find((allowed) => allowed.label === valueLabel);
    if (field && value) properties.push({ field_id: field.id, field_value: String(value.value) });
  }
  return properties;
}

function systemField(project: ProjectState, label: string): number | undefined {
  return project.fieldsOf('test-cases').find((field) => field.systemField && field.label === label)?.id;
}
