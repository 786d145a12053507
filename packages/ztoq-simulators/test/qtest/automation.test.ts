import type { qtestApi } from '@ztoq/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXECUTED, P, PROJECT, type QTestTestClient, type Started, startSimulator } from './support.js';

type Schemas = qtestApi.components['schemas'];

let started: Started;
let api: QTestTestClient;
beforeEach(async () => {
  started = await startSimulator();
  api = started.api;
});
afterEach(() => started.sim.close());

const log = (overrides: Record<string, unknown> = {}) => ({
  status: 'PASSED',
  exe_start_date: EXECUTED.start,
  exe_end_date: EXECUTED.end,
  name: 'Login works',
  automation_content: 'com.example.LoginTest#works',
  test_step_logs: [
    { description: 'Open the login page', expected_result: 'The form shows', status: 'PASSED' },
    { description: 'Log in', expected_result: 'Logged in', status: 'FAILED', actual_result: 'Error 500' },
  ],
  ...overrides,
});

const project = () => {
  const found = started.sim.store.project(PROJECT);
  if (!found) throw new Error('no project');
  return found;
};

describe('POST …/test-runs/{testRunId}/auto-test-logs', () => {
  it('with testRunId 0 creates the automation test case, a run in the Automation Test Suite and the log (201)', async () => {
    const response = await api.post<Schemas['AutomationTestLogResourceResponse']>(
      `${P}/test-runs/0/auto-test-logs`,
      log(),
    );

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      status: 'Passed',
      automation_content: 'com.example.LoginTest#works',
    });
    const [testCase] = project().testCases.values();
    const [run] = project().testRuns.values();
    const [suite] = project().testSuites.values();
    expect(testCase?.name).toBe('Login works');
    expect(project().modules.get(testCase?.moduleId ?? 0)?.name).toBe('Automation');
    expect(testCase?.versions[0]?.steps.map((step) => step.description)).toEqual([
      'Open the login page',
      'Log in',
    ]);
    expect(suite?.name).toBe('Automation Test Suite');
    expect(run).toMatchObject({
      testCaseId: testCase?.id,
      parent: { type: 'test-suite', id: suite?.id },
      automated: true,
    });
    const [stored] = project().testLogs.values();
    expect(stored?.stepLogs.map((stepLog) => [stepLog.statusId, stepLog.actualResult])).toEqual([
      [601, undefined],
      [602, 'Error 500'],
    ]);
  });

  it('finds the test case again by its automation content, and logs into an existing run', async () => {
    const first = await api.post<Schemas['AutomationTestLogResourceResponse']>(
      `${P}/test-runs/0/auto-test-logs`,
      log(),
    );
    const runId = [...project().testRuns.keys()][0];
    const again = await api.post(`${P}/test-runs/${runId}/auto-test-logs`, log({ status: 'failed' }));

    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(project().testCases.size).toBe(1);
    expect(project().testRuns.size).toBe(1);
    const run = project().testRuns.get(runId ?? 0);
    expect(run && project().latestLog(run)?.statusId).toBe(602);
  });

  it('puts the run in a suite per day with suitePerDay=true, which needs suiteDate', async () => {
    const dated = await api.post(`${P}/test-runs/0/auto-test-logs`, log(), {
      suitePerDay: true,
      suiteDate: '20240301',
    });
    const undated = await api.post(`${P}/test-runs/0/auto-test-logs`, log(), { suitePerDay: true });

    expect(dated.status).toBe(201);
    expect([...project().testSuites.values()].map((suite) => suite.name)).toEqual(['Automation 2024-03-01']);
    expect(undated.status).toBe(400);
  });

  it('refuses status names that map to no execution status, and step logs that do not fit the run test case', async () => {
    await api.post(`${P}/test-runs/0/auto-test-logs`, log());
    const runId = [...project().testRuns.keys()][0];
    const before = JSON.stringify(started.sim.state());

    const unmapped = await api.post(`${P}/test-runs/0/auto-test-logs`, log({ status: 'PASS' }));
    const unmappedStep = await api.post(
      `${P}/test-runs/0/auto-test-logs`,
      log({ test_step_logs: [{ description: 'a', expected_result: 'b', status: 'SKIPPED' }] }),
    );
    const shorter = await api.post(
      `${P}/test-runs/${runId}/auto-test-logs`,
      log({ test_step_logs: [{ description: 'Only one', expected_result: 'x' }] }),
    );
    const nameless = await api.post(
      `${P}/test-runs/0/auto-test-logs`,
      log({ automation_content: undefined }),
    );

    expect(unmapped.body).toEqual({
      message: expect.stringMatching(/status: automation status "PASS" is not mapped/),
    });
    expect(unmappedStep.body).toEqual({ message: expect.stringMatching(/test_step_logs\[0\]\.status/) });
    expect(shorter.body).toEqual({
      message: expect.stringMatching(/1 step logs for test case TC-1 version 0\.1, which has 2 steps/),
    });
    expect(nameless.status).toBe(400);
    expect([unmapped.status, unmappedStep.status, shorter.status]).toEqual([400, 400, 400]);
    expect(JSON.stringify(started.sim.state())).toBe(before);
  });
});

describe('the v3.1 batch and its queue job', () => {
  const batch = `/api/v3.1/projects/${PROJECT}/test-runs/0/auto-test-logs`;

  it('answers 201 with a job that stores the logs once it reaches SUCCESS', async () => {
    const submitted = await api.post<Schemas['QueueProcessingResponse']>(
      batch,
      {
        test_logs: [log(), log({ automation_content: 'com.example.LogoutTest#works', name: 'Logout works' })],
      },
      { type: 'automation' },
    );
    const poll = () =>
      api.get<Schemas['QueueProcessingResponse']>(`/api/v3/projects/queue-processing/${submitted.body.id}`);

    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({ state: 'IN_WAITING', type: 'AUTOMATION_TEST_LOG' });
    expect((await poll()).body.state).toBe('IN_PROCESSING');
    expect(project().testLogs.size).toBe(0);
    const done = await poll();
    expect(done.body.state).toBe('SUCCESS');
    expect(project().testLogs.size).toBe(2);
    expect(JSON.parse(done.body.content ?? '')).toHaveLength(2);
    expect((await poll()).body.state).toBe('SUCCESS');
  });

  it('adds a resubmitted case to its run in the given suite instead of a new run', async () => {
    const suite = await api.created<Schemas['TestSuiteWithCustomFieldResource']>(
      `${P}/test-suites`,
      { name: 'CI', properties: [] },
      undefined,
      200,
    );
    for (let round = 0; round < 2; round++) {
      const job = await api.created<{ id: number }>(
        batch,
        { test_logs: [log()], test_suite: suite.pid },
        { type: 'automation' },
      );
      await api.get(`/api/v3/projects/queue-processing/${job.id}`);
      await api.get(`/api/v3/projects/queue-processing/${job.id}`);
    }

    expect(project().testRuns.size).toBe(1);
    expect([...project().testRuns.values()][0]?.parent).toEqual({ type: 'test-suite', id: suite.id });
    expect(project().testLogs.size).toBe(2);
  });

  it('refuses a testRunId other than 0, a missing type=automation, and unknown suites or modules with 400', async () => {
    const wrongRun = await api.post(
      `/api/v3.1/projects/${PROJECT}/test-runs/5/auto-test-logs`,
      { test_logs: [log()] },
      { type: 'automation' },
    );
    const noType = await api.post(batch, { test_logs: [log()] });
    const noSuite = await api.post(
      batch,
      { test_logs: [log()], test_suite: 'TS-99' },
      { type: 'automation' },
    );
    const noModule = await api.post(
      batch,
      { test_logs: [log()], parent_module: '4' },
      { type: 'automation' },
    );
    const empty = await api.post(batch, { test_logs: [] }, { type: 'automation' });

    expect([wrongRun.status, noType.status, noSuite.status, noModule.status, empty.status]).toEqual([
      400, 400, 400, 400, 400,
    ]);
  });

  it('answers 404 for a job that does not exist', async () => {
    expect((await api.get('/api/v3/projects/queue-processing/77')).status).toBe(404);
  });
});
