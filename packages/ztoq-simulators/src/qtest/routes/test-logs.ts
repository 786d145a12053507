import type { qtestApi } from '@ztoq/core';
import { queryChoice } from '../../server/query-parameters.js';
import { SimHttpError, type SimRequest, type SimulatorServer } from '../../server/simulator-server.js';
import { resolveProperties } from '../field-values.js';
import { PAGE_SIZE_PAGING, pagedEnvelope, pageRequest } from '../paging.js';
import type {
  ExecutionStatus,
  ProjectState,
  QTestStore,
  StoredTestCase,
  StoredTestCaseVersion,
  StoredTestLog,
  StoredTestRun,
} from '../qtest-store.js';
import { ProjectResources } from '../resources.js';
import { manualTestLogBody, parseBody, testLogUpdateBody } from '../validation.js';
import { storeInlineAttachments } from './attachments.js';
import { callerOf, found, projectOf } from './route-support.js';

type TestLogList = qtestApi.components['schemas']['TestLogListResource'];

/** Manual test logs of a test run (API-NOTES B.9). */
export function registerTestLogRoutes(server: SimulatorServer, store: QTestStore): void {
  const base = '/api/v3/projects/{projectId}/test-runs/{testRunId}/test-logs';

  server.route('POST', base, (request) => {
    const project = projectOf(store, request);
    const caller = callerOf(store, request);
    const run = found(project.testRuns, request, 'testRunId', 'Test run');
    const body = parseBody(request, manualTestLogBody);
    const status = executionStatus(project, body.status.id, 'status.id');
    checkExecutionDates(body.exe_start_date, body.exe_end_date);
    const testCase = testCaseOfRun(project, run);
    const version = logVersion(testCase, run, body.test_case_version_id);

    const seen = new Set<number>();
    const stepLogs = (body.test_step_logs ?? []).map((stepLog, index) => {
      const where = `test_step_logs[${index}]`;
      const step = version.steps.find((candidate) => candidate.id === stepLog.test_step_id);
      if (!step) {
        throw new SimHttpError(
          400,
          `${where}: test_step_id ${stepLog.test_step_id} is not a step of test case ${testCase.pid} ` +
            `version ${version.version} (its steps: ${version.steps.map((known) => known.id).join(', ') || 'none'})`,
        );
      }
      if (seen.has(step.id)) throw new SimHttpError(400, `${where}: step ${step.id} has a result twice`);
      seen.add(step.id);
      return {
        testStepId: step.id,
        statusId: executionStatus(project, stepLog.status.id, `${where}.status.id`).id,
        // A log records the step as it is; qTest does not let a log change the step's text.
        description: step.description,
        expectedResult: step.expected,
        ...(stepLog.actual_result === undefined ? {} : { actualResult: stepLog.actual_result }),
        order: stepLog.order ?? step.order,
      };
    });

    const log = recordTestLog(store, project, run, {
      testRunId: run.id,
      statusId: status.id,
      exeStartDate: body.exe_start_date,
      exeEndDate: body.exe_end_date,
      testCaseVersionId: version.id,
      ...(body.name === undefined ? {} : { name: body.name }),
      ...optionalLogFields(body),
      properties: resolveProperties(project, 'test-runs', body.properties ?? [], store.users(), 'partial'),
      stepLogs,
      authorId: caller.id,
    });
    storeInlineAttachments(store, project, caller, 'test-logs', log.id, body.attachments);
    log.stepLogs.forEach((stepLog, index) => {
      const attachments = body.test_step_logs?.[index]?.attachments;
      storeInlineAttachments(store, project, caller, 'test-step-logs', stepLog.id, attachments);
    });
    return { status: 201, body: new ProjectResources(store, project, request.url.origin).testLog(log, {}) };
  });

  server.route('GET', base, (request) => {
    const project = projectOf(store, request);
    const run = found(project.testRuns, request, 'testRunId', 'Test run');
    const resources = new ProjectResources(store, project, request.url.origin);
    const page = pagedEnvelope(project.logsOf(run), pageRequest(request.query, PAGE_SIZE_PAGING));
    const body: TestLogList = { ...page, items: page.items.map((log) => resources.testLog(log, {})) };
    return { status: 200, body };
  });

  server.route('GET', `${base}/last-run`, (request) => {
    const project = projectOf(store, request);
    const run = found(project.testRuns, request, 'testRunId', 'Test run');
    const resources = new ProjectResources(store, project, request.url.origin);
    const log = project.latestLog(run);
    if (!log) throw new SimHttpError(404, `Test run ${run.id} has no test log`);
    return { status: 200, body: resources.testLog(log, expansionOf(request)) };
  });

  // modifyTestLog, with the rules of API-NOTES B.9.
  server.route('PUT', `${base}/{id}`, (request) => {
    const project = projectOf(store, request);
    const caller = callerOf(store, request);
    const run = found(project.testRuns, request, 'testRunId', 'Test run');
    const logs = new Map(project.logsOf(run).map((log) => [log.id, log]));
    const log = found(logs, request, 'id', `Test log of run ${run.id}`);
    if (log.authorId !== caller.id && !project.adminIds.includes(caller.id)) {
      throw new SimHttpError(
        403,
        `Test log ${log.id} belongs to another user; only a project admin may change it`,
      );
    }
    const body = parseBody(request, testLogUpdateBody);
    const status = executionStatus(project, body.status.id, 'status.id');
    checkExecutionDates(body.exe_start_date, body.exe_end_date);
    refuseChange('test_case_version_id', body.test_case_version_id, log.testCaseVersionId);
    refuseChange('build_number', body.build_number, log.buildNumber);
    refuseChange('build_url', body.build_url, log.buildUrl);
    const given = body.test_step_logs;
    // Assumption: step results left out keep theirs; given ones must be in the original order.
    if (given !== undefined && given.length !== log.stepLogs.length) {
      throw new SimHttpError(
        400,
        `test_step_logs: the log has ${log.stepLogs.length} step results, the body ${given.length}`,
      );
    }
    const stepLogs = log.stepLogs.map((stepLog, index) => {
      const change = given?.[index];
      if (change === undefined) return stepLog;
      const where = `test_step_logs[${index}]`;
      if (change.test_step_id !== stepLog.testStepId) {
        throw new SimHttpError(
          400,
          `${where}: test_step_id ${change.test_step_id} is not step ${stepLog.testStepId}; step order must match the original`,
        );
      }
      refuseChange(`${where}.description`, change.description, stepLog.description);
      refuseChange(`${where}.expected_result`, change.expected_result, stepLog.expectedResult);
      const { actualResult: _actualResult, ...kept } = stepLog;
      return {
        ...kept,
        statusId: executionStatus(project, change.status.id, `${where}.status.id`).id,
        ...(change.actual_result === undefined ? {} : { actualResult: change.actual_result }),
      };
    });
    const { note: _note, name: _name, plannedExeTime: _planned, actualExeTime: _actual, ...kept } = log;
    const updated = store.updateTestLog(project, log, {
      ...kept,
      statusId: status.id,
      exeStartDate: body.exe_start_date,
      exeEndDate: body.exe_end_date,
      ...(body.name === undefined ? {} : { name: body.name }),
      ...optionalLogFields({
        ...(body.note === undefined ? {} : { note: body.note }),
        ...(body.planned_exe_time === undefined ? {} : { planned_exe_time: body.planned_exe_time }),
        ...(body.actual_exe_time === undefined ? {} : { actual_exe_time: body.actual_exe_time }),
      }),
      properties:
        body.properties === undefined
          ? log.properties
          : resolveProperties(project, 'test-runs', body.properties, store.users(), 'partial'),
      stepLogs,
    });
    followLatestLog(store, project, run);
    return {
      status: 200,
      body: new ProjectResources(store, project, request.url.origin).testLog(updated, {}),
    };
  });

  server.route('GET', `${base}/{id}`, (request) => {
    const project = projectOf(store, request);
    const run = found(project.testRuns, request, 'testRunId', 'Test run');
    const logs = new Map(project.logsOf(run).map((log) => [log.id, log]));
    const log = found(logs, request, 'id', `Test log of run ${run.id}`);
    return { status: 200, body: new ProjectResources(store, project, request.url.origin).testLog(log, {}) };
  });
}

/** `expand=testcase` adds the test case with its steps, `teststeplog.teststep` each step log's step (spec). */
function expansionOf(request: SimRequest): { testCase?: boolean; testSteps?: boolean } {
  const expand = queryChoice(request.query, 'expand', ['testcase', 'teststeplog.teststep']);
  return { testCase: expand === 'testcase', testSteps: expand === 'teststeplog.teststep' };
}

/** The optional fields manual and automation test logs share, from qTest's names to the stored log's. */
export function optionalLogFields(body: {
  note?: string;
  build_number?: string;
  build_url?: string;
  planned_exe_time?: number;
  actual_exe_time?: number;
}): Pick<StoredTestLog, 'note' | 'buildNumber' | 'buildUrl' | 'plannedExeTime' | 'actualExeTime'> {
  return {
    ...(body.note === undefined ? {} : { note: body.note }),
    ...(body.build_number === undefined ? {} : { buildNumber: body.build_number }),
    ...(body.build_url === undefined ? {} : { buildUrl: body.build_url }),
    ...(body.planned_exe_time === undefined ? {} : { plannedExeTime: body.planned_exe_time }),
    ...(body.actual_exe_time === undefined ? {} : { actualExeTime: body.actual_exe_time }),
  };
}

/**
 * Stores a log and lets the run's Status field follow its latest log, as a run's status
 * does in qTest.
 */
export function recordTestLog(
  store: QTestStore,
  project: ProjectState,
  run: StoredTestRun,
  log: Parameters<QTestStore['addTestLog']>[1],
): StoredTestLog {
  const stored = store.addTestLog(project, log);
  followLatestLog(store, project, run);
  return stored;
}

/** The run's Status field takes the status of its latest log. */
function followLatestLog(store: QTestStore, project: ProjectState, run: StoredTestRun): void {
  const latest = project.latestLog(run);
  const statusField = project
    .fieldsOf('test-runs')
    .find((field) => field.systemField && field.label === 'Status');
  if (latest && statusField) {
    run.properties = [
      ...run.properties.filter((property) => property.fieldId !== statusField.id),
      { fieldId: statusField.id, value: String(latest.statusId) },
    ];
    run.modifiedAt = store.timestamp();
  }
}

/** A body may repeat a value qTest does not let a log change, but not change it. */
function refuseChange<T>(what: string, given: T | undefined, current: T | undefined): void {
  if (given !== undefined && given !== current) {
    throw new SimHttpError(400, `${what} cannot be changed on a test log (it is ${String(current)})`);
  }
}

function executionStatus(project: ProjectState, statusId: number, where: string): ExecutionStatus {
  const status = project.executionStatuses.find((candidate) => candidate.id === statusId);
  if (!status) {
    const known = project.executionStatuses
      .map((candidate) => `${candidate.id} ${candidate.name}`)
      .join(', ');
    throw new SimHttpError(400, `${where}: ${statusId} is not an execution status (${known})`);
  }
  return status;
}

/** The spec does not say it, but a test cannot end before it started. */
export function checkExecutionDates(start: string, end: string): void {
  if (Date.parse(start) > Date.parse(end)) {
    throw new SimHttpError(400, `exe_end_date ${end} is before exe_start_date ${start}`);
  }
}

export function testCaseOfRun(project: ProjectState, run: StoredTestRun): StoredTestCase {
  const testCase = project.testCases.get(run.testCaseId);
  if (!testCase) throw new Error(`test run ${run.id} points at missing test case ${run.testCaseId}`);
  return testCase;
}

/**
 * The test case version a log belongs to: the one named, which must be a version of the run's
 * test case; else "the Test Case's latest approved version" (spec). For a case never approved
 * the spec is silent; the simulator then takes the run's version.
 */
function logVersion(
  testCase: StoredTestCase,
  run: StoredTestRun,
  requested: number | undefined,
): StoredTestCaseVersion {
  if (requested !== undefined) {
    const version = testCase.versions.find((candidate) => candidate.id === requested);
    if (!version)
      throw new SimHttpError(
        400,
        `test_case_version_id ${requested} is not a version of test case ${testCase.id}`,
      );
    return version;
  }
  const approved = testCase.versions.filter((version) => version.approved).at(-1);
  const version = approved ?? testCase.versions.find((candidate) => candidate.id === run.testCaseVersionId);
  if (!version) throw new Error(`test run ${run.id} points at a missing version`);
  return version;
}
