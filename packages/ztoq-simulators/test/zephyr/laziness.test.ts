import { afterEach, describe, expect, it } from 'vitest';
import type {
  DatasetExecutionSummary,
  DatasetTestCase,
  DatasetTestExecution,
  ZephyrDataset,
} from '../../src/dataset/zephyr-dataset.js';
import { closeZephyrSimulators, startZephyr } from './harness.js';

afterEach(closeZephyrSimulators);

const TEST_CASES = 20_000;
const EXECUTIONS = 200_000;
const CYCLES = 50;

/**
 * A data set the size of `large` whose items are made on demand and counted, so the tests see
 * how many the simulator builds to answer, whole executions and summaries apart. Execution ids
 * step by 3 (not contiguous).
 */
function countingDataset() {
  const built = { testCases: 0, executions: 0, executionSummaries: 0 };
  const caseIndexOf = (key: string) => {
    const match = /^LZ-T(\d+)$/.exec(key);
    const index = match ? Number(match[1]) - 1 : -1;
    return index >= 0 && index < TEST_CASES ? index : undefined;
  };
  const testCaseAt = (index: number): DatasetTestCase => {
    built.testCases++;
    return {
      id: 100_000 + index,
      key: `LZ-T${index + 1}`,
      name: `Case ${index + 1}`,
      labels: [],
      priorityId: 1,
      statusId: 1,
      folderId: 1 + (index % 10),
      createdOn: '2024-01-01T00:00:00Z',
      customFields: {},
      issueLinks: [],
      webLinks: [],
      content: { kind: 'none' },
      version: 1,
    };
  };
  const summaryFields = (index: number): DatasetExecutionSummary => ({
    id: 1_000_000 + 3 * index,
    key: `LZ-E${index + 1}`,
    testCaseKey: `LZ-T${(index % TEST_CASES) + 1}`,
    testCycleId: 1 + (index % CYCLES),
    actualEndDate: new Date(Date.UTC(2024, 0, 1) + index * 60_000).toISOString().replace('.000', ''),
  });
  const executionSummaryAt = (index: number): DatasetExecutionSummary => {
    built.executionSummaries++;
    return summaryFields(index);
  };
  const executionAt = (index: number): DatasetTestExecution => {
    built.executions++;
    return {
      ...summaryFields(index),
      testCaseVersion: 1,
      statusId: 2,
      automated: false,
      customFields: {},
      issueLinks: [],
      stepResults: [],
    };
  };
  const dataset: ZephyrDataset = {
    seed: 0,
    size: 'large',
    project: { id: 1, jiraProjectId: 2, key: 'LZ' },
    users: [],
    folders: Array.from({ length: 10 }, (_, index) => ({
      id: index + 1,
      parentId: null,
      name: `Folder ${index + 1}`,
      index,
      folderType: 'TEST_CASE' as const,
    })),
    statuses: [
      { id: 1, statusType: 'TEST_CASE', name: 'Draft', index: 0, archived: false, default: true },
      { id: 2, statusType: 'TEST_EXECUTION', name: 'Pass', index: 0, archived: false, default: true },
    ],
    priorities: [{ id: 1, name: 'Normal', index: 0, default: true }],
    environments: [],
    testCases: { count: TEST_CASES, at: testCaseAt },
    testCycles: Array.from({ length: CYCLES }, (_, index) => ({
      id: index + 1,
      key: `LZ-R${index + 1}`,
      name: `Cycle ${index + 1}`,
      statusId: 1,
      customFields: {},
      issueLinks: [],
      webLinks: [],
      testPlanIds: [],
    })),
    testPlans: [],
    testExecutions: { count: EXECUTIONS, at: executionAt },
    testExecutionSummaries: { count: EXECUTIONS, at: executionSummaryAt },
    testCaseIndex: caseIndexOf,
    testCaseVersion: (key, version) => {
      const index = caseIndexOf(key);
      return index !== undefined && version === 1 ? testCaseAt(index) : undefined;
    },
    executionsOfCycle: (cycleId) =>
      Array.from({ length: EXECUTIONS / CYCLES }, (_, round) => round * CYCLES + cycleId - 1),
    executionsOfTestCase: (key) => {
      const index = caseIndexOf(key);
      if (index === undefined) return [];
      return Array.from({ length: EXECUTIONS / TEST_CASES }, (_, round) => round * TEST_CASES + index);
    },
  };
  return { dataset, built };
}

describe('Zephyr simulator over a large lazy data set', () => {
  it('builds only the items of the page it answers', async () => {
    const { dataset, built } = countingDataset();
    const zephyr = await startZephyr({ dataset });
    const page = (await zephyr.call('/testexecutions', { query: { startAt: '150000', maxResults: '20' } }))
      .body;
    expect(page).toMatchObject({ total: EXECUTIONS, values: expect.any(Array) });
    expect(built.executions).toBe(20);
    built.testCases = 0;
    await zephyr.call('/testcases', { query: { startAt: '19990', maxResults: '1000' } });
    expect(built.testCases).toBe(10);
  });

  it('finds one execution by key or by id by building a handful, not all of them', async () => {
    const { dataset, built } = countingDataset();
    const zephyr = await startZephyr({ dataset });
    expect((await zephyr.call('/testexecutions/LZ-E123457')).body).toMatchObject({
      id: 1_000_000 + 3 * 123_456,
    });
    expect((await zephyr.call(`/testexecutions/${1_000_000 + 3 * 77}`)).body).toMatchObject({
      key: 'LZ-E78',
    });
    expect((await zephyr.call(`/testexecutions/${1_000_000 + 3 * 77 + 1}`)).status).toBe(404);
    expect(built.executions).toBeLessThan(3 * 40);
  });

  it('narrows by cycle through the data set index instead of a scan', async () => {
    const { dataset, built } = countingDataset();
    const zephyr = await startZephyr({ dataset });
    const page = (await zephyr.call('/testexecutions', { query: { testCycle: 'LZ-R7', maxResults: '5' } }))
      .body;
    expect(page).toMatchObject({ total: EXECUTIONS / CYCLES });
    expect(built.executions).toBe(5);
  });

  it('filters by end date over every execution while building only the executions of the page', async () => {
    const { dataset, built } = countingDataset();
    const zephyr = await startZephyr({ dataset });
    // Execution i ends i minutes after 2024-01-01T00:00:00Z: 99,999 minutes is 2024-03-10T10:39:00Z.
    const page = (
      await zephyr.call('/testexecutions', {
        query: { actualEndDateAfter: '2024-03-10T10:39:00Z', maxResults: '1000' },
      })
    ).body as { total: number; values: { key: string }[] };
    expect(page.total).toBe(100_000);
    expect(page.values.map((execution) => execution.key)).toEqual(
      Array.from({ length: 1000 }, (_, offset) => `LZ-E${100_001 + offset}`),
    );
    expect(built).toMatchObject({ executionSummaries: EXECUTIONS, executions: 1000 });
  });

  it('scans execution summaries once for date filters and builds whole executions only for the page', async () => {
    const { dataset, built } = countingDataset();
    const zephyr = await startZephyr({ dataset });
    // Execution i ends i minutes after 2024-01-01T00:00:00Z.
    const query = {
      actualEndDateAfter: '2024-01-01T01:00:00Z',
      onlyLastExecutions: 'true',
      maxResults: '10',
    };
    const first = (await zephyr.call('/testexecutions', { query })).body as {
      total: number;
      values: { key: string }[];
    };
    // Each (cycle, case) pair occurs 200,000 / lcm(50, 20,000) = 10 times; the last of each ran after 01:00.
    expect(first.total).toBe(20_000);
    expect(first.values[0]?.key).toBe('LZ-E180001');
    expect(built).toMatchObject({ executionSummaries: EXECUTIONS, executions: 10 });
    await zephyr.call('/testexecutions', { query: { ...query, startAt: '10' } });
    expect(built).toMatchObject({ executionSummaries: EXECUTIONS, executions: 20 });
  });
});
