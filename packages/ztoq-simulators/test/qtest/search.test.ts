import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/qtest/search.js';
import { SimHttpError } from '../../src/server/simulator-server.js';
import {
  buildEngineContent,
  type EngineContent,
  EXECUTED,
  P,
  type QTestTestClient,
  type SearchPage,
  type Started,
  startSimulator,
} from './support.js';

type Paged = SearchPage<Record<string, unknown>>;

describe('parseQuery', () => {
  it('reads quoted and bare field names, = and ~, joined by and', () => {
    expect(parseQuery(`'Zephyr Key' = 'PROJ-T1' and Name ~ "login"`)).toEqual([
      { field: 'Zephyr Key', operator: '=', value: 'PROJ-T1' },
      { field: 'Name', operator: '~', value: 'login' },
    ]);
    expect(parseQuery('  ')).toEqual([]);
  });

  it("reads the spec's is 'not empty' and date comparisons", () => {
    expect(parseQuery(`Name is 'not empty' and 'Execution Start Date' > '2021-05-07T03:15:37.652Z'`)).toEqual(
      [
        { field: 'Name', operator: 'is', value: 'not empty' },
        { field: 'Execution Start Date', operator: '>', value: '2021-05-07T03:15:37.652Z' },
      ],
    );
  });

  it.each([
    ["'name' = 'a' or 'name' = 'b'", /only and/],
    ["'name' != 'a'", /operator "!=" is not supported/],
    ["'name' !~ 'a'", /operator "!~" is not supported/],
    ["('name' = 'a')", /parentheses are not supported/],
    ["'name' = 'a' and 'id' = '1')", /parentheses are not supported/],
    ["name: = 'a'", /"name:" is not a name/],
    ["'name' is 'empty'", /"is" takes only 'not empty'/],
    ["'Execution Start Date' > 'yesterday'", /compares date-times/],
    ["'name' = a", /must be quoted/],
    ["'name'='a'", /after a quoted text/],
    ["'name' = 'O'Brien'", /after a quoted text/],
    ["'name' = 'open", /unterminated quote/],
    ["'name' =", /expected field, operator and quoted value/],
  ])('refuses %s', (query, problem) => {
    expect(() => parseQuery(query)).toThrow(SimHttpError);
    expect(() => parseQuery(query)).toThrow(problem);
  });
});

describe('POST …/search', () => {
  let started: Started;
  let api: QTestTestClient;
  let content: EngineContent;
  beforeAll(async () => {
    started = await startSimulator();
    api = started.api;
    content = await buildEngineContent(api);
  });
  afterAll(() => started.sim.close());

  const search = (body: Record<string, unknown>, query?: Record<string, string | boolean>) =>
    api.post<Paged>(`${P}/search`, body, query);

  it('compares picklist fields by the value name, case-insensitively, and takes a field id for its label', async () => {
    const byLabel = await search({ object_type: 'test-cases', query: "Priority = 'high'" });
    const byFieldId = await search({
      object_type: 'test-cases',
      query: `'${content.zephyrKey.id}' = 'proj-t1'`,
    });

    expect(byLabel.body.items.map((item) => item.id)).toEqual([content.testCase.id]);
    expect(byFieldId.body.items.map((item) => item.id)).toEqual([content.testCase.id]);
  });

  it('matches = on the whole value and ~ on a part of it', async () => {
    const exact = await search({ object_type: 'test-cases', query: "'Zephyr Key' = 'PROJ-T'" });
    const part = await search({ object_type: 'test-cases', query: "'Zephyr Key' ~ 'PROJ-T'" });
    const prefix = await search({ object_type: 'test-cases', query: "'name' = 'Pay'" });

    expect(exact.body.total).toBe(0);
    expect(part.body.items.map((item) => item.id)).toEqual([content.testCase.id]);
    expect(prefix.body.total).toBe(0);
  });

  it('finds releases, cycles and suites by name, and runs by a run field', async () => {
    const release = await search({ object_type: 'releases', query: "'name' = 'Release 1.0'" });
    const cycle = await search({ object_type: 'test-cycles', query: "'name' ~ 'regress'" });
    const suite = await search({ object_type: 'test-suites', query: "'name' = 'Smoke'" });
    const run = await search({ object_type: 'test-runs', query: "'Environment' = 'Staging'" });

    expect(release.body.items.map((item) => item.id)).toEqual([content.release.id]);
    expect(cycle.body.items.map((item) => item.id)).toEqual([content.nestedCycle.id]);
    expect(suite.body.items.map((item) => item.id)).toEqual([content.suite.id]);
    expect(run.body.items.map((item) => item.id)).toEqual([content.run.id]);
  });

  it("lists every named run with is 'not empty', and logs by execution date, without step logs unless asked", async () => {
    const named = await search({ object_type: 'test-runs', query: "Name is 'not empty'" });
    const before = await search({
      object_type: 'test-logs',
      query: `'Execution Start Date' < '${EXECUTED.start}'`,
    });
    const after = await search({
      object_type: 'test-logs',
      query: "'Execution Start Date' > '2024-01-01T00:00:00.000Z'",
    });
    const withSteps = await search(
      { object_type: 'test-logs', query: "'Execution End Date' > '2024-01-01T00:00:00.000Z'" },
      { includeTestLogProperties: true },
    );

    expect(named.body.items.map((item) => item.id)).toEqual([content.run.id]);
    expect(before.body.total).toBe(0);
    expect(after.body.items).toEqual([
      expect.objectContaining({ id: content.log.id, test_run_id: content.run.id, status: expect.anything() }),
    ]);
    expect(after.body.items[0]).not.toHaveProperty('test_step_logs');
    expect(withSteps.body.items[0]).toHaveProperty('test_step_logs');
  });

  it('answers only the requested fields, id always, and steps with appendTestSteps=true', async () => {
    const few = await search({
      object_type: 'test-cases',
      fields: ['name', 'pid'],
      query: "'name' ~ 'card'",
    });
    const withSteps = await search({ object_type: 'test-cases', fields: ['*'] }, { appendTestSteps: true });

    expect(few.body.items).toEqual([
      { id: content.testCase.id, name: content.testCase.name, pid: content.testCase.pid },
    ]);
    expect(withSteps.body.items[0]?.test_steps).toHaveLength(2);
  });

  it.each([
    [{ object_type: 'modules', query: "'name' = 'x'" }, /object_type must be one of/],
    [{ object_type: 'builds', query: "'name' = 'x'" }, /does not search builds/],
    [
      { object_type: 'test-runs', query: "'name' > '2024-01-01T00:00:00Z'" },
      /not a date criterion of test-runs/,
    ],
    [
      { object_type: 'test-cases', query: "'Colour' = 'red'" },
      /'Colour' is not id, pid, name or a field of test-cases/,
    ],
    [
      { object_type: 'test-cycles', query: "'Zephyr Key' = 'PROJ-T1'" },
      /not id, pid, name or a field of test-cycles/,
    ],
    [{ object_type: 'test-cases', query: "'name' = 'a' or 'name' = 'b'" }, /only and/],
    [{ query: "'name' = 'a'" }, /object_type/],
  ])('refuses %j with 400', async (body, problem) => {
    const response = await search(body);

    expect(response.status).toBe(400);
    expect(response.body).toEqual({ message: expect.stringMatching(problem) });
  });
});
