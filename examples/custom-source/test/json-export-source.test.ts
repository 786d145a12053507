import {
  type CanonicalEntityMap,
  type CanonicalEntityType,
  ExitCode,
  type JsonValue,
  openStateStore,
  type StateStore,
  type StreamReadRequest,
} from '@ztoq/core';
import {
  createQTestSimulator,
  DEFAULT_PASSWORD,
  DEFAULT_PROJECT_ID,
  DEFAULT_USERS,
  type QTestSimulator,
} from '@ztoq/simulators';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jsonExportSource } from '../src/json-export-source.js';
import { migrateExport, SAMPLE_EXPORT } from '../src/migrate-export.js';
import { readShopExport } from '../src/read-export.js';

const request = (extra: Partial<StreamReadRequest> = {}): StreamReadRequest => ({
  projectKey: 'SHOP',
  maxWorkers: 1,
  ...extra,
});

async function pagesOf<T extends CanonicalEntityType>(
  type: T,
  extra: Partial<StreamReadRequest> = {},
  pageSize = 2,
): Promise<{ entities: CanonicalEntityMap[T][]; checkpoint: JsonValue }[]> {
  const pages = [];
  for await (const page of jsonExportSource({ file: SAMPLE_EXPORT, pageSize }).readStream(
    type,
    request(extra),
  )) {
    pages.push(page);
  }
  return pages;
}

async function entitiesOf<T extends CanonicalEntityType>(
  type: T,
  extra: Partial<StreamReadRequest> = {},
): Promise<CanonicalEntityMap[T][]> {
  return (await pagesOf(type, extra)).flatMap((page) => page.entities);
}

describe('the ShopQA export source', () => {
  it('describes the project in the file and refuses any other with a usage error', async () => {
    const source = jsonExportSource({ file: SAMPLE_EXPORT });
    expect(source.capabilities).toEqual({
      supportsAttachments: false,
      supportsVersions: false,
      supportsCallToTest: false,
    });
    expect(await source.describeProject('SHOP')).toEqual({
      key: 'SHOP',
      id: '42',
      estimatedCounts: { 'test-case': 7, 'test-plan': 1, 'test-cycle': 2, 'test-execution': 8 },
    });
    const refused = source.describeProject('CRM');
    await expect(refused).rejects.toThrow('holds project "SHOP", not "CRM"');
    await expect(refused).rejects.toMatchObject({ exitCode: ExitCode.usage });
  });

  it('refuses a file that is not a ShopQA export of version 1', async () => {
    const source = jsonExportSource({ file: new URL('../package.json', import.meta.url).pathname });
    await expect(source.describeProject('SHOP')).rejects.toThrow('formatVersion is undefined');
  });

  it('turns suites, vocabulary and environments into folders and lookups', async () => {
    expect(await entitiesOf('folder')).toEqual([
      { id: 'S1', parentId: null, name: 'Storefront', index: 0, kind: 'test-case' },
      { id: 'S2', parentId: 'S1', name: 'Catalog', index: 0, kind: 'test-case' },
      { id: 'S3', parentId: 'S1', name: 'Cart', index: 1, kind: 'test-case' },
      { id: 'S4', parentId: null, name: 'Checkout', index: 1, kind: 'test-case' },
      { id: 'S5', parentId: 'S4', name: 'Payment', index: 0, kind: 'test-case' },
      { id: 'S6', parentId: null, name: 'Account', index: 2, kind: 'test-case' },
    ]);
    const statuses = await entitiesOf('status');
    expect(statuses.map((status) => `${status.kind}/${status.name}${status.isDefault ? '*' : ''}`)).toEqual([
      'test-case/Draft*',
      'test-case/Ready',
      'test-case/Retired',
      'test-plan/Open*',
      'test-plan/Closed',
      'test-cycle/Open*',
      'test-cycle/Closed',
      'test-execution/Pass',
      'test-execution/Fail',
      'test-execution/Blocked',
      'test-execution/Skipped',
      'test-execution/Untested*',
    ]);
    expect(new Set(statuses.map((status) => status.id)).size).toBe(statuses.length);
    expect((await entitiesOf('priority')).map((priority) => priority.name)).toEqual(['P1', 'P2', 'P3']);
    expect(
      (await entitiesOf('environment')).map((environment) => [environment.id, environment.archived]),
    ).toEqual([
      ['chrome', false],
      ['safari', false],
      ['ie11', true],
    ]);
  });

  it('gives test cases in key order with their steps', async () => {
    const cases = await entitiesOf('test-case');
    expect(cases.map((testCase) => testCase.key)).toEqual([
      'SHOP-3',
      'SHOP-5',
      'SHOP-7',
      'SHOP-9',
      'SHOP-10',
      'SHOP-12',
      'SHOP-14',
    ]);
    expect(cases.find((testCase) => testCase.key === 'SHOP-12')).toEqual({
      id: 'SHOP-12',
      key: 'SHOP-12',
      name: 'Pay by card with 3-D Secure',
      objective: 'A card that asks for 3-D Secure can still pay.',
      precondition: 'A cart holding one product; the payment provider is in test mode.',
      estimatedTimeMs: 360_000,
      labels: ['payment'],
      priorityId: 'p1',
      statusId: 'case:ready',
      folderId: 'S5',
      ownerId: 'ben',
      createdOn: '2024-01-18T15:40:00Z',
      customFields: { Risk: 'high' },
      links: { issues: [], webLinks: [{ url: 'https://wiki.shop.example/payments/3ds', kind: 'related' }] },
      content: {
        kind: 'steps',
        steps: [
          {
            kind: 'inline',
            description: 'Go to checkout and choose card payment',
            expectedResult: 'The card form is shown',
          },
          {
            kind: 'inline',
            description: 'Enter the 3-D Secure test card',
            testData: '4000 0027 6000 3184, 12/34, 123',
            expectedResult: 'The card is accepted',
          },
          {
            kind: 'inline',
            description: 'Approve the challenge on the bank page',
            expectedResult: 'The shop shows the order confirmation',
          },
          { kind: 'inline', description: 'Open My orders', expectedResult: 'The order is listed as paid' },
        ],
      },
      version: 1,
      versionCount: 1,
    });
    expect(cases.find((testCase) => testCase.key === 'SHOP-14')?.content).toEqual({ kind: 'none' });
  });

  it('links the campaign and its runs both ways and flattens results into executions', async () => {
    expect(await entitiesOf('test-plan')).toMatchObject([
      { id: 'C1', key: 'SHOP-C1', name: 'Release 2024.6', statusId: 'plan:open', testCycleIds: ['R1', 'R2'] },
    ]);
    expect(await entitiesOf('test-cycle')).toMatchObject([
      { id: 'R1', key: 'SHOP-R1', statusId: 'cycle:closed', testPlanIds: ['C1'] },
      { id: 'R2', key: 'SHOP-R2', statusId: 'cycle:open', testPlanIds: ['C1'] },
    ]);
    const executions = await entitiesOf('test-execution');
    expect(executions.map((execution) => execution.key)).toEqual([
      'SHOP-E101',
      'SHOP-E102',
      'SHOP-E103',
      'SHOP-E104',
      'SHOP-E105',
      'SHOP-E106',
      'SHOP-E201',
      'SHOP-E202',
    ]);
    expect(executions.find((execution) => execution.key === 'SHOP-E103')).toEqual({
      id: '103',
      key: 'SHOP-E103',
      testCaseKey: 'SHOP-12',
      testCaseVersion: 1,
      testCycleId: 'R1',
      environmentId: 'chrome',
      statusId: 'verdict:fail',
      actualEndDate: '2024-06-04T14:02:00Z',
      executionTimeMs: 420_000,
      executedById: 'ben',
      comment: 'The bank page times out after the challenge.',
      automated: false,
      customFields: {},
      issueLinks: [{ issueId: 'BUG-412', url: 'https://bugs.shop.example/412', kind: 'related' }],
      stepResults: [
        { statusId: 'verdict:pass' },
        { statusId: 'verdict:pass' },
        { statusId: 'verdict:fail', actualResult: 'Spinner for 60 s, then "Payment could not be completed"' },
        { statusId: 'verdict:skipped' },
      ],
    });
    const untested = executions.find((execution) => execution.key === 'SHOP-E202');
    expect(untested?.actualEndDate).toBeUndefined();
    expect(untested?.assignedToId).toBe('chen');
  });

  it('pages with a checkpoint after each page, and resumes after the last stored one', async () => {
    const pages = await pagesOf('test-case');
    expect(pages.map((page) => [page.entities.length, page.checkpoint])).toEqual([
      [2, { exportedAt: '2024-06-14T17:05:12Z', next: 2 }],
      [2, { exportedAt: '2024-06-14T17:05:12Z', next: 4 }],
      [2, { exportedAt: '2024-06-14T17:05:12Z', next: 6 }],
      [1, { exportedAt: '2024-06-14T17:05:12Z', next: 7 }],
    ]);
    const all = pages.flatMap((page) => page.entities);
    const resumed = await entitiesOf('test-case', { checkpoint: pages[1]?.checkpoint });
    expect(resumed).toEqual(all.slice(4));
    expect(await entitiesOf('test-case', { checkpoint: pages[3]?.checkpoint })).toEqual([]);
  });

  it('refuses to resume from a checkpoint of another export or one it did not write', async () => {
    const otherExport = entitiesOf('test-case', {
      checkpoint: { exportedAt: '2024-05-01T00:00:00Z', next: 2 },
    });
    await expect(otherExport).rejects.toThrow('start a new migration');
    await expect(otherExport).rejects.toMatchObject({ exitCode: ExitCode.usage });
    await expect(entitiesOf('test-case', { checkpoint: { startAt: 2 } })).rejects.toThrow(
      'not one this source wrote',
    );
    await expect(
      entitiesOf('test-case', { checkpoint: { exportedAt: '2024-06-14T17:05:12Z', next: 8 } }),
    ).rejects.toThrow('not one this source wrote');
  });

  it('reads only the first cases and their executions in a limited rehearsal', async () => {
    const pages = await pagesOf('test-case', { limit: 3 });
    expect(pages.flatMap((page) => page.entities.map((testCase) => testCase.key))).toEqual([
      'SHOP-3',
      'SHOP-5',
      'SHOP-7',
    ]);
    const resumed = await entitiesOf('test-case', { limit: 3, checkpoint: pages[0]?.checkpoint });
    expect(resumed.map((testCase) => testCase.key)).toEqual(['SHOP-7']);

    const keysOf = (executions: { key: string }[]) => executions.map((execution) => execution.key);
    expect(keysOf(await entitiesOf('test-execution', { limit: 1, testCaseKeys: ['SHOP-12'] }))).toEqual([
      'SHOP-E103',
      'SHOP-E104',
      'SHOP-E202',
    ]);
    // Without the engine's keys, the source works them out the same way: the first cases by key.
    expect(keysOf(await entitiesOf('test-execution', { limit: 3 }))).toEqual([
      'SHOP-E101',
      'SHOP-E102',
      'SHOP-E201',
    ]);
    // A rehearsal still reads every lookup and container.
    expect(await entitiesOf('test-cycle', { limit: 1 })).toHaveLength(2);
  });

  it('stops between pages once the run is aborted', async () => {
    const controller = new AbortController();
    const pages = jsonExportSource({ file: SAMPLE_EXPORT, pageSize: 2 }).readStream(
      'test-case',
      request({ signal: controller.signal }),
    );
    const read: number[] = [];
    await expect(
      (async () => {
        for await (const page of pages) {
          read.push(page.entities.length);
          controller.abort();
        }
      })(),
    ).rejects.toThrow();
    expect(read).toEqual([2]);
  });
});

describe('migrating the export into qTest', () => {
  let simulator: QTestSimulator;
  let store: StateStore;

  beforeEach(async () => {
    const shop = await readShopExport(SAMPLE_EXPORT);
    // ShopQA's people exist in the qTest site under their e-mail addresses, as `usersOf` expects.
    const people = shop.people.map((person) => {
      const [firstName, ...rest] = person.name.split(' ');
      return { username: person.email, email: person.email, firstName, lastName: rest.join(' ') };
    });
    // qTest clients send the first label of the host name as the site name: `127` on loopback.
    simulator = createQTestSimulator({ users: [...DEFAULT_USERS, ...people], siteName: '127' });
    await simulator.listen(0);
    store = await openStateStore({ url: 'memory:' });
  });

  afterEach(async () => {
    await store?.close();
    await simulator?.close();
  });

  it('carries cases, the cycle, runs and logs, and a second run creates nothing', async () => {
    const env = {
      QTEST_BASE_URL: simulator.baseUrl,
      QTEST_USERNAME: DEFAULT_USERS[0]?.username,
      QTEST_PASSWORD: DEFAULT_PASSWORD,
      QTEST_PROJECT_ID: String(DEFAULT_PROJECT_ID),
    };
    const result = await migrateExport({ env, file: SAMPLE_EXPORT, store });
    expect(result.error).toBeUndefined();
    // Nothing ShopQA holds is lost on the way: every status and priority has a qTest counterpart.
    expect([result.status, result.lossy]).toEqual(['succeeded', {}]);
    expect(result.phases.map((phase) => [phase.phase, phase.status])).toEqual([
      ['extract', 'succeeded'],
      ['transform', 'succeeded'],
      ['load', 'succeeded'],
      ['validate', 'succeeded'],
    ]);
    for (const counts of Object.values(result.load)) expect(counts.created).toBe(counts.planned);
    expect(result.differences).toEqual([]);

    const project = simulator.store.project(DEFAULT_PROJECT_ID);
    if (!project) throw new Error('the simulator lost its project');
    const cases = [...project.testCases.values()];
    expect(cases.map((testCase) => testCase.name).sort()).toEqual([
      'Add a product to the cart',
      'Apply a discount code',
      'Filter products by price',
      'Guest checkout with a delivery address',
      'Pay by card with 3-D Secure',
      'Reset a forgotten password',
      'Search finds products by name',
    ]);
    const payment = cases.find((testCase) => testCase.name === 'Pay by card with 3-D Secure');
    if (!payment) throw new Error('no payment case');
    const steps = project.latestVersion(payment).steps;
    expect(steps.map((step) => step.expected)).toEqual([
      'The card form is shown',
      'The card is accepted',
      'The shop shows the order confirmation',
      'The order is listed as paid',
    ]);
    expect(steps[1]?.description).toContain('4000 0027 6000 3184');
    // Suites became modules, nested as in ShopQA, under a root module named for the project.
    const modules = [...project.modules.values()];
    const parentOf = (name: string) =>
      modules.find((module) => module.id === modules.find((child) => child.name === name)?.parentId)?.name;
    expect(['Storefront', 'Cart', 'Payment', 'Account'].map(parentOf)).toEqual([
      'SHOP',
      'Storefront',
      'Checkout',
      'SHOP',
    ]);

    const cycles = [...project.testCycles.values()].map((cycle) => cycle.name);
    expect(cycles).toEqual(expect.arrayContaining(['2024.6 regression on Chrome', '2024.6 smoke on Safari']));
    // One run per (run, case): SHOP-12 was executed twice in the regression, on one qTest run.
    expect(project.testRuns.size).toBe(7);
    const statusName = new Map(project.executionStatuses.map((status) => [status.id, status.name]));
    const logs = [...project.testLogs.values()];
    // Every result that was run becomes a log; the untested one does not.
    expect(logs.map((log) => statusName.get(log.statusId)).sort()).toEqual([
      'Blocked',
      'Failed',
      'Passed',
      'Passed',
      'Passed',
      'Passed',
      'Unexecuted',
    ]);
    const failed = logs.find((log) => statusName.get(log.statusId) === 'Failed');
    expect(failed?.stepLogs.map((stepLog) => statusName.get(stepLog.statusId))).toEqual([
      'Passed',
      'Passed',
      'Failed',
      'Unexecuted',
    ]);
    expect(failed?.note).toContain('The bank page times out after the challenge.');

    const creates = () =>
      Object.entries(simulator.requestCounts())
        .filter(([operation]) => operation.startsWith('POST ') && !/search|oauth/.test(operation))
        .reduce((sum, [, count]) => sum + count, 0);
    const before = creates();
    const again = await migrateExport({ env, file: SAMPLE_EXPORT, store });
    expect(again.error).toBeUndefined();
    for (const counts of Object.values(again.load)) expect(counts.created + counts.adopted).toBe(0);
    expect(creates()).toBe(before);
    expect(project.testCases.size).toBe(7);
    expect(project.testLogs.size).toBe(7);
  }, 60_000);
});
