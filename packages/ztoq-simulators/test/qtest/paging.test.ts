/** Paging per API-NOTES B.2: 1-based pages, `size` on test cases, `pageSize` elsewhere, envelopes only where the spec has them. */
import type { qtestApi } from '@ztoq/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { P, type QTestTestClient, type Started, startSimulator } from './support.js';

type Schemas = qtestApi.components['schemas'];

const CASES = 45;
let started: Started;
let api: QTestTestClient;
let moduleId: number;
let testCaseId: number;

beforeAll(async () => {
  started = await startSimulator({
    projects: [
      {
        modules: [
          {
            name: 'Many',
            testCases: Array.from({ length: CASES }, (_, index) => ({ name: `Case ${index + 1}` })),
          },
        ],
      },
    ],
  });
  api = started.api;
  const [module] = started.sim.store.project(1001)?.modules.values() ?? [];
  const [testCase] = started.sim.store.project(1001)?.testCases.values() ?? [];
  moduleId = module?.id ?? 0;
  testCaseId = testCase?.id ?? 0;
});
afterAll(() => started.sim.close());

const names = (cases: { name?: string }[]) => cases.map((testCase) => testCase.name);

describe('test cases: page and size, a bare array', () => {
  it('answers 20 by default, from page 1', async () => {
    const first = await api.get<Schemas['TestCaseWithCustomFieldResource'][]>(`${P}/test-cases`, {
      parentId: moduleId,
    });

    expect(first.body).toHaveLength(20);
    expect(first.body[0]?.name).toBe('Case 1');
  });

  it('walks every case once when the client stops at a short page', async () => {
    const seen: string[] = [];
    for (let page = 1; ; page++) {
      const { body } = await api.get<Schemas['TestCaseWithCustomFieldResource'][]>(`${P}/test-cases`, {
        parentId: moduleId,
        page,
        size: 10,
      });
      seen.push(...names(body).map(String));
      if (body.length < 10) break;
    }

    expect(seen).toEqual(Array.from({ length: CASES }, (_, index) => `Case ${index + 1}`));
  });

  it('leaves steps out unless expandSteps=true, and properties in unless expandProps=false', async () => {
    const plain = await api.get<Schemas['TestCaseWithCustomFieldResource'][]>(`${P}/test-cases`, { size: 1 });
    const expanded = await api.get<Schemas['TestCaseWithCustomFieldResource'][]>(`${P}/test-cases`, {
      size: 1,
      expandSteps: true,
      expandProps: false,
    });

    expect(plain.body[0]?.test_steps).toBeUndefined();
    expect(plain.body[0]?.properties.length).toBeGreaterThan(0);
    expect(expanded.body[0]?.test_steps).toEqual([]);
    expect(expanded.body[0]?.properties).toEqual([]);
  });
});

describe('test runs and test logs: page and pageSize, in an envelope', () => {
  it('pages runs with {page, page_size, total, items}', async () => {
    for (let index = 0; index < 7; index++) {
      await api.created(`${P}/test-runs`, {
        name: `Run ${index + 1}`,
        properties: [],
        test_case: { id: testCaseId },
      });
    }

    const third = await api.get<Schemas['TestRunListResource']>(`${P}/test-runs`, { page: 3, pageSize: 3 });
    const beyond = await api.get<Schemas['TestRunListResource']>(`${P}/test-runs`, { page: 4, pageSize: 3 });
    const defaults = await api.get<Schemas['TestRunListResource']>(`${P}/test-runs`);

    expect(third.body).toMatchObject({ page: 3, page_size: 3, total: 7 });
    expect(names(third.body.items ?? [])).toEqual(['Run 7']);
    expect(beyond.body.items).toEqual([]);
    expect(defaults.body).toMatchObject({ page: 1, page_size: 100, total: 7 });
  });

  it('pages the logs of a run', async () => {
    const run = await api.created<{ id: number }>(`${P}/test-runs`, {
      properties: [],
      test_case: { id: testCaseId },
    });
    for (let day = 1; day <= 3; day++) {
      await api.created(`${P}/test-runs/${run.id}/test-logs`, {
        status: { id: 601 },
        exe_start_date: `2024-04-0${day}T09:00:00Z`,
        exe_end_date: `2024-04-0${day}T09:30:00Z`,
      });
    }

    const second = await api.get<Schemas['TestLogListResource']>(`${P}/test-runs/${run.id}/test-logs`, {
      page: 2,
      pageSize: 2,
    });

    expect(second.body).toMatchObject({ page: 2, page_size: 2, total: 3 });
    expect(second.body.items?.map((log) => log.exe_start_date)).toEqual(['2024-04-03T09:00:00Z']);
  });
});

describe('search and cycles', () => {
  it('pages search results with pageSize', async () => {
    const search = (page: number) =>
      api.post<Schemas['PagedResource']>(
        `${P}/search`,
        { object_type: 'test-cases', query: "'name' ~ 'Case 1'" },
        { page, pageSize: 4 },
      );

    const first = await search(1);
    const third = await search(3);

    // Case 1 and Case 10 … Case 19.
    expect(first.body).toMatchObject({ page: 1, page_size: 4, total: 11 });
    expect(third.body.items).toHaveLength(3);
  });

  it('answers every cycle for a negative pageSize without page, as the spec says', async () => {
    for (let index = 0; index < 3; index++) await api.created(`${P}/test-cycles`, { name: `Cycle ${index}` });

    const all = await api.get<unknown[]>(`${P}/test-cycles`, { pageSize: -1 });
    const paged = await api.get<unknown[]>(`${P}/test-cycles`, { pageSize: 2 });

    expect(all.body).toHaveLength(3);
    expect(paged.body).toHaveLength(2);
  });
});
