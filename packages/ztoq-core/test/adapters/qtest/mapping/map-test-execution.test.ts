import { describe, expect, it } from 'vitest';
import { createQTestMapper } from '../../../../src/adapters/qtest/mapping/index.js';
import type { TestLogBody } from '../../../../src/adapters/qtest/qtest-entities.js';
import { execution, lookups, testCase, testCycle } from './fixtures.js';
import { MAPPING, mapperContext } from './mapper-context.js';

const mapper = (targetRoot = 'Zephyr DEMO') =>
  createQTestMapper(mapperContext(), { projectKey: 'DEMO', mapping: MAPPING, targetRoot });
const threeSteps = testCase({
  version: 3,
  versionCount: 3,
  content: {
    kind: 'steps',
    steps: [
      { kind: 'inline', description: 'a' },
      { kind: 'inline', description: 'b' },
      { kind: 'inline', description: 'c' },
    ],
  },
});
const reads = () => lookups({ testCases: [threeSteps], cycles: [testCycle()] });

describe("map('test-execution')", () => {
  it('plans only the run for an execution that never ran', async () => {
    expect(await mapper().map('test-execution', execution({ statusId: '5' }), reads())).toEqual([
      {
        type: 'test-run',
        sourceId: 'DEMO-R000000000001/DEMO-T000000000001/none',
        shared: true,
        refs: {
          parent: { type: 'test-cycle', sourceId: 'DEMO-R000000000001' },
          testCase: { type: 'test-case', sourceId: 'DEMO-T000000000001' },
        },
        body: { name: 'Login works', properties: [{ field_id: 61, field_value: 'nightly' }] },
        marker: { environmentValue: null },
        lossy: [],
        label: 'DEMO-T1 Login works in DEMO-R1',
      },
    ]);
  });

  it('plans the run and a log with statuses, dates, note and step logs', async () => {
    const executed = execution({
      key: 'DEMO-E12',
      environmentId: '21',
      actualEndDate: '2025-02-03T10:00:00Z',
      executionTimeMs: 90_500,
      executedById: 'acc-ada',
      assignedToId: 'acc-bob',
      comment: 'Failed on <b>step 2</b>',
      testCaseVersion: 2,
      customFields: { Browsers: ['Chrome', 'Edge'], Flaky: true, Unset: null },
      issueLinks: [{ issueId: '10077', kind: 'blocks' }],
      statusId: '4',
      stepResults: [{ statusId: '3', actualResult: 'ok' }, { statusId: '4' }],
    });
    const [run, log] = await mapper().map('test-execution', executed, reads());
    expect(run).toEqual({
      type: 'test-run',
      sourceId: 'DEMO-R000000000001/DEMO-T000000000001/000000000021',
      shared: true,
      refs: {
        parent: { type: 'test-cycle', sourceId: 'DEMO-R000000000001' },
        testCase: { type: 'test-case', sourceId: 'DEMO-T000000000001' },
      },
      body: {
        name: 'Login works',
        properties: [
          { field_id: 60, field_value: '6001' },
          { field_id: 61, field_value: 'nightly' },
        ],
      },
      marker: { environmentValue: 6001 },
      lossy: [],
      label: 'DEMO-T1 Login works in DEMO-R1 (Chrome)',
    });
    expect(log).toEqual({
      type: 'test-log',
      sourceId: 'DEMO-R000000000001/DEMO-T000000000001/000000000021/2025-02-03T10:00:00Z/DEMO-E000000000012',
      sequenceKey: 'DEMO-R000000000001/DEMO-T000000000001/000000000021',
      refs: {
        run: { type: 'test-run', sourceId: 'DEMO-R000000000001/DEMO-T000000000001/000000000021' },
        testCase: { type: 'test-case', sourceId: 'DEMO-T000000000001' },
      },
      body: {
        status: { id: 602 },
        exe_start_date: '2025-02-03T09:58:29.500Z',
        exe_end_date: '2025-02-03T10:00:00Z',
        note: [
          'Zephyr execution: DEMO-E12',
          'Failed on <b>step 2</b>',
          'Environment: Chrome',
          'Executed by: ada@example.test',
          'Assigned to: acc-bob',
          'Test case version executed: 2 (qTest holds version 3)',
          'Browsers: Chrome, Edge',
          'Flaky: Yes',
          'Jira issue 10077 (blocks)',
        ].join('\n'),
        test_step_logs: [
          { status: { id: 601 }, actual_result: 'ok', order: 1 },
          { status: { id: 602 }, actual_result: '', order: 2 },
        ],
      },
      marker: { line: 'Zephyr execution: DEMO-E12' },
      lossy: [
        {
          kind: 'unmapped-user',
          message: 'assignee acc-bob has no qTest user in the mapping file; kept as the account id',
        },
      ],
      label: 'DEMO-E12 Fail: DEMO-T1 Login works',
    });
  });

  it('starts a log without execution time at its end and names an unmapped executor', async () => {
    const executed = execution({
      actualEndDate: '2025-02-03T10:00:00Z',
      executedById: 'acc-bob',
      testCaseVersion: 3,
    });
    const [, log] = await mapper().map('test-execution', executed, reads());
    const body = log!.body as unknown as TestLogBody;
    expect(body.exe_start_date).toBe('2025-02-03T10:00:00Z');
    expect(body.note).toBe('Zephyr execution: DEMO-E1\nExecuted by: acc-bob');
    expect(log?.lossy).toEqual([
      {
        kind: 'unmapped-user',
        message: 'executor acc-bob has no qTest user in the mapping file; kept as the account id',
      },
    ]);
  });

  it('puts ad-hoc executions in the ad-hoc cycle, which each of them plans, at the top level too', async () => {
    for (const targetRoot of ['Zephyr DEMO', '']) {
      const adHoc = execution({ testCycleId: undefined, actualEndDate: '2025-02-03T10:00:00Z' });
      const [cycle, run, log] = await mapper(targetRoot).map('test-execution', adHoc, reads());
      expect(cycle).toMatchObject({
        type: 'test-cycle',
        sourceId: 'ad-hoc',
        shared: true,
        level: targetRoot === '' ? 0 : 1,
        refs: targetRoot === '' ? {} : { parent: { type: 'test-cycle', sourceId: 'root' } },
        body: { name: 'Ad hoc executions', description: 'Zephyr ad-hoc executions: DEMO' },
      });
      expect(run).toMatchObject({
        sourceId: 'ad-hoc/DEMO-T000000000001/none',
        refs: { parent: { type: 'test-cycle', sourceId: 'ad-hoc' } },
        label: 'DEMO-T1 Login works in Ad hoc executions',
      });
      expect(log?.sourceId).toBe('ad-hoc/DEMO-T000000000001/none/2025-02-03T10:00:00Z/DEMO-E000000000001');
    }
  });

  it('plans identical runs for every execution of the same cycle, case and environment', async () => {
    const target = mapper();
    const first = execution({
      key: 'DEMO-E1',
      environmentId: '22',
      actualEndDate: '2025-02-01T10:00:00Z',
      executedById: 'acc-bob',
      comment: 'first',
      statusId: '4',
    });
    const second = execution({
      key: 'DEMO-E2',
      environmentId: '22',
      assignedToId: 'acc-ada',
      statusId: '5',
      customFields: { Device: 'Phone' },
    });
    const [runOfFirst] = await target.map('test-execution', first, reads());
    const [runOfSecond] = await target.map('test-execution', second, reads());
    expect(runOfSecond).toEqual(runOfFirst);
  });

  it('reports an environment qTest lacks on the run, the same for each of its executions', async () => {
    const context = mapperContext();
    context.environmentField = {
      fieldId: 60,
      dataType: 3,
      allowedValues: [{ value: 6001, label: 'Chrome' }],
    };
    const target = createQTestMapper(context, { projectKey: 'DEMO', mapping: MAPPING, targetRoot: 'R' });
    const [run] = await target.map('test-execution', execution({ environmentId: '22' }), reads());
    expect(run).toMatchObject({
      marker: { environmentValue: null },
      body: { properties: [{ field_id: 61, field_value: 'nightly' }] },
      lossy: [
        {
          kind: 'unmapped-value',
          message: 'environment "Safari": "Safari" is not an allowed value of the qTest field',
        },
      ],
    });
  });

  it('drops step results beyond the qTest steps, counting expanded calls as steps', async () => {
    const called = testCase({
      key: 'DEMO-T2',
      content: {
        kind: 'steps',
        steps: [
          { kind: 'inline', description: 'x' },
          { kind: 'inline', description: 'y' },
        ],
      },
    });
    const caller = testCase({
      key: 'DEMO-T3',
      content: {
        kind: 'steps',
        steps: [
          { kind: 'inline', description: 'first' },
          { kind: 'call', testCaseKey: 'DEMO-T2', parameters: [] },
        ],
      },
    });
    const results = Array.from({ length: 5 }, () => ({ statusId: '3' }));
    const executed = execution({
      testCaseKey: 'DEMO-T3',
      actualEndDate: '2025-02-03T10:00:00Z',
      stepResults: results,
    });
    const withCases = lookups({ testCases: [called, caller], cycles: [testCycle()] });
    const [, log] = await mapper().map('test-execution', executed, withCases);
    expect((log!.body as unknown as TestLogBody).test_step_logs.map((step) => step.order)).toEqual([1, 2, 3]);
    expect(log?.lossy).toEqual([
      {
        kind: 'not-supported',
        message: '2 step result(s) not carried: the test case now has 3 step(s)',
        count: 2,
      },
    ]);
  });

  it('expands a case once for the step counts of all its executions', async () => {
    const called = testCase({ key: 'DEMO-T2', content: { kind: 'steps', steps: [{ kind: 'inline' }] } });
    const caller = testCase({
      key: 'DEMO-T3',
      content: { kind: 'steps', steps: [{ kind: 'call', testCaseKey: 'DEMO-T2', parameters: [] }] },
    });
    const withCases = lookups({ testCases: [called, caller], cycles: [testCycle()] });
    const target = mapper();
    for (const key of ['DEMO-E1', 'DEMO-E2', 'DEMO-E3']) {
      await target.map(
        'test-execution',
        execution({ key, testCaseKey: 'DEMO-T3', actualEndDate: '2025-02-03T10:00:00Z' }),
        withCases,
      );
    }
    expect(withCases.calls.get('DEMO-T2')).toBe(1);
  });

  it('notes images in the comment or actual results', async () => {
    const executed = execution({
      actualEndDate: '2025-02-03T10:00:00Z',
      comment: '<img src="shot.png">',
      stepResults: [{ statusId: '3', actualResult: '<img src="a.png"><img src="b.png">' }],
    });
    const [, log] = await mapper().map('test-execution', executed, reads());
    expect(log?.lossy).toEqual([
      {
        kind: 'attachment-reference',
        message: '3 image or file reference(s) in the comment or results point to the source',
        count: 3,
      },
    ]);
  });

  it('refuses a status preflight did not decide, a missing case and a missing cycle', async () => {
    const target = mapper();
    const retest = execution({ statusId: 'x-retest', actualEndDate: '2025-02-03T10:00:00Z' });
    await expect(target.map('test-execution', retest, reads())).rejects.toThrow(
      /status "x-retest".*preflight/,
    );
    const badStep = execution({ actualEndDate: '2025-02-03T10:00:00Z', stepResults: [{ statusId: '6' }] });
    await expect(target.map('test-execution', badStep, reads())).rejects.toThrow(/status "In Progress"/);
    await expect(
      target.map('test-execution', execution({ testCaseKey: 'DEMO-T99' }), reads()),
    ).rejects.toThrow(/test case DEMO-T99/);
    await expect(target.map('test-execution', execution({ testCycleId: '404' }), reads())).rejects.toThrow(
      /test cycle 404/,
    );
  });
});
