import { queryBoolean } from '../../server/query-parameters.js';
import { SimHttpError, type SimRequest, type SimulatorServer } from '../../server/simulator-server.js';
import {
  AUTOMATION_SUITE,
  checkAutomationLog,
  createAutomationTestCase,
  findAutomationTestCase,
  newAutomationRun,
  type PreparedLog,
  prepareAutomationLog,
  suiteNamed,
  versionOfRun,
} from '../automation-import.js';
import type {
  ProjectState,
  QTestStore,
  StoredJob,
  StoredModule,
  StoredTestRun,
  StoredTestSuite,
} from '../qtest-store.js';
import { ProjectResources, queueJob } from '../resources.js';
import { automationRequestBody, automationTestLogBody, parseBody } from '../validation.js';
import { callerOf, found, pathId, projectOf } from './route-support.js';
import { recordTestLog, testCaseOfRun } from './test-logs.js';

/**
 * Automation test logs: one log per call (`testRunId=0` makes a new run), the v3.1 batch that
 * answers with a queue job, and the job's state (API-NOTES B.10).
 */
export function registerAutomationRoutes(server: SimulatorServer, store: QTestStore): void {
  server.route('POST', '/api/v3/projects/{projectId}/test-runs/{testRunId}/auto-test-logs', (request) => {
    const project = projectOf(store, request);
    const caller = callerOf(store, request);
    const runId = pathId(request, 'testRunId');
    const body = parseBody(request, automationTestLogBody);
    checkAutomationLog(project, body, '');
    let run: StoredTestRun;
    let log: PreparedLog;
    if (runId === 0) {
      const suiteName = singleLogSuiteName(request);
      const testCase =
        findAutomationTestCase(project, body.automation_content) ??
        createAutomationTestCase(store, project, caller, body, undefined);
      // Prepared (and so checked) before the run exists; the new run takes the latest version.
      log = prepareAutomationLog(project, caller, testCase, project.latestVersion(testCase), body);
      run = newAutomationRun(
        store,
        project,
        caller,
        testCase,
        suiteNamed(store, project, suiteName),
        body.name,
      );
    } else {
      run = found(project.testRuns, request, 'testRunId', 'Test run');
      const testCase = testCaseOfRun(project, run);
      log = prepareAutomationLog(project, caller, testCase, versionOfRun(testCase, run), body);
    }
    const stored = recordTestLog(store, project, run, { ...log, testRunId: run.id });
    return {
      status: 201,
      body: new ProjectResources(store, project, request.url.origin).automationTestLog(stored),
    };
  });

  server.route('POST', '/api/v3.1/projects/{projectId}/test-runs/{testRunId}/auto-test-logs', (request) => {
    const project = projectOf(store, request);
    const caller = callerOf(store, request);
    if (pathId(request, 'testRunId') !== 0) {
      throw new SimHttpError(400, 'testRunId must be 0 for a batch submission');
    }
    if (request.query.get('type') !== 'automation') throw new SimHttpError(400, 'type must be automation');
    const body = parseBody(request, automationRequestBody);
    body.test_logs.forEach((log, index) => {
      checkAutomationLog(project, log, `test_logs[${index}].`);
    });
    const givenSuite = body.test_suite === undefined ? undefined : suiteByIdOrPid(project, body.test_suite);
    const parentModule =
      body.parent_module === undefined ? undefined : moduleByIdOrPid(project, body.parent_module);
    // `execution_date` is not used: every log carries its own execution dates.
    const job = store.addJob({
      projectId: project.id,
      type: 'AUTOMATION_TEST_LOG',
      process: () => {
        const suite = givenSuite ?? suiteNamed(store, project, AUTOMATION_SUITE);
        const results = body.test_logs.map((log) => {
          const testCase =
            findAutomationTestCase(project, log.automation_content) ??
            createAutomationTestCase(store, project, caller, log, parentModule?.id);
          // A case already run in the suite gets its next log in that run, so a resubmission
          // does not add runs; the spec does not say how runs are matched.
          const run =
            [...project.testRuns.values()].find(
              (candidate) =>
                candidate.testCaseId === testCase.id &&
                candidate.parent.type === 'test-suite' &&
                candidate.parent.id === suite.id,
            ) ?? newAutomationRun(store, project, caller, testCase, suite, log.name);
          const prepared = prepareAutomationLog(project, caller, testCase, versionOfRun(testCase, run), log);
          const stored = recordTestLog(store, project, run, { ...prepared, testRunId: run.id });
          return { test_case_id: testCase.id, test_run_id: run.id, test_log_id: stored.id };
        });
        // The content format of a finished job is not in the spec; the simulator reports what it made.
        return JSON.stringify(results);
      },
    });
    return { status: 201, body: queueJob(job) };
  });

  server.route('GET', '/api/v3/projects/queue-processing/{id}', (request) => {
    const id = pathId(request, 'id');
    const job = id === undefined ? undefined : store.job(id);
    if (!job) throw new SimHttpError(404, `Queue job ${request.params.id} does not exist`);
    advance(job);
    return { status: 200, body: queueJob(job) };
  });
}

/**
 * Each poll moves a job one state on, IN_WAITING → IN_PROCESSING → SUCCESS, and the logs are
 * stored on the last step: a client must poll until SUCCESS before it reads them, as against
 * qTest, while the number of polls stays deterministic for tests. A submission that fails while
 * processing ends FAILED with the reason as content; what it stored before stays.
 */
function advance(job: StoredJob): void {
  if (job.state === 'IN_WAITING') {
    job.state = 'IN_PROCESSING';
  } else if (job.state === 'IN_PROCESSING') {
    try {
      job.content = job.process();
      job.state = 'SUCCESS';
    } catch (error) {
      if (!(error instanceof SimHttpError)) throw error;
      job.content = error.message;
      job.state = 'FAILED';
    }
  }
}

/** `suitePerDay=true` puts the run in a suite named after `suiteDate` (yyyymmdd), else in the Automation Test Suite (spec). */
function singleLogSuiteName(request: SimRequest): string {
  if (!queryBoolean(request.query, 'suitePerDay', false)) return AUTOMATION_SUITE;
  const date = /^(\d{4})(\d{2})(\d{2})$/.exec(request.query.get('suiteDate') ?? '');
  if (!date) throw new SimHttpError(400, 'suiteDate (yyyymmdd) is required with suitePerDay=true');
  return `Automation ${date[1]}-${date[2]}-${date[3]}`;
}

function suiteByIdOrPid(project: ProjectState, key: string): StoredTestSuite {
  const suite = [...project.testSuites.values()].find(
    (candidate) => String(candidate.id) === key || candidate.pid === key,
  );
  if (!suite) throw new SimHttpError(400, `test_suite ${key} is not a test suite of project ${project.id}`);
  return suite;
}

function moduleByIdOrPid(project: ProjectState, key: string): StoredModule {
  const module = [...project.modules.values()].find(
    (candidate) => String(candidate.id) === key || candidate.pid === key,
  );
  if (!module) throw new SimHttpError(400, `parent_module ${key} is not a module of project ${project.id}`);
  return module;
}
