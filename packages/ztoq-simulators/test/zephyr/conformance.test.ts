import { zephyrOperations } from '@ztoq/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZephyrSimulator } from '../../src/zephyr/index.js';
import { loadVendorSpec, type VendorSpec } from '../support/vendor-spec.js';
import { fixtureDataset } from './fixtures.js';
import { type CallOptions, type ZephyrAnswer, zephyrCall } from './harness.js';
import { withoutKnownSpecDefects } from './known-spec-defects.js';

/**
 * Every operation of the spec, walked from the generated operation list: an operation the
 * simulator serves must answer each probe below with a status the spec declares for it and a
 * body its schema accepts (and refuse a caller without a token the same way); one it does not
 * serve must say so with a 404 rather than answer as if it did. A served route without probes
 * fails the first test, so adding a route forces its conformance check.
 */

interface Probe extends CallOptions {
  readonly path: string;
  readonly status: number;
}

const get = (path: string, status: number, query?: Record<string, string>): Probe => ({
  path,
  status,
  query,
});
const post = (path: string, status: number, body: unknown): Probe => ({ method: 'POST', path, status, body });

const put = (path: string, status: number, body: unknown): Probe => ({ method: 'PUT', path, status, body });

/** A test case as `PUT /testcases/{key}` takes it: the representation with its required links. */
const caseUpdate = (overrides: Record<string, unknown> = {}) => ({
  id: 101,
  key: 'ZT-T1',
  name: 'Log in with valid credentials',
  project: { id: 10000 },
  priority: { id: 1 },
  status: { id: 1 },
  folder: { id: 2 },
  ...overrides,
});

const PROBES: Readonly<Record<string, readonly Probe[]>> = {
  'GET /healthcheck': [get('/healthcheck', 200)],
  'GET /projects': [get('/projects', 200)],
  'GET /projects/{projectIdOrKey}': [
    get('/projects/ZT', 200),
    get('/projects/10000', 200),
    get('/projects/NOPE', 404),
  ],
  'GET /folders': [
    get('/folders', 200, { projectKey: 'ZT', folderType: 'TEST_CASE' }),
    get('/folders', 400, { folderType: 'TEST_SUITE' }),
  ],
  'GET /folders/{folderId}': [get('/folders/1', 200), get('/folders/2', 200), get('/folders/999', 404)],
  'POST /folders': [
    post('/folders', 201, { projectKey: 'ZT', name: 'New', folderType: 'TEST_CYCLE', parentId: 4 }),
    post('/folders', 400, { projectKey: 'ZT', name: '', folderType: 'TEST_CYCLE' }),
  ],
  'GET /statuses': [get('/statuses', 200, { statusType: 'TEST_EXECUTION' }), get('/statuses', 200)],
  'GET /statuses/{statusId}': [get('/statuses/2', 200), get('/statuses/999', 404)],
  'GET /priorities': [get('/priorities', 200, { projectKey: 'ZT' })],
  'GET /priorities/{priorityId}': [get('/priorities/1', 200), get('/priorities/999', 404)],
  'GET /environments': [get('/environments', 200, { projectKey: 'ZT' })],
  'GET /environments/{environmentId}': [get('/environments/1', 200), get('/environments/999', 404)],
  'GET /testcases': [
    get('/testcases', 200, { projectKey: 'ZT', maxResults: '100' }),
    get('/testcases', 200, { folderId: '2' }),
    get('/testcases', 400, { projectKey: 'NOPE' }),
  ],
  'POST /testcases': [
    post('/testcases', 201, {
      projectKey: 'ZT',
      name: 'Created',
      labels: ['new'],
      customFields: { Points: 3 },
    }),
    post('/testcases', 400, { projectKey: 'ZT' }),
  ],
  'GET /testcases/{testCaseKey}': [
    get('/testcases/ZT-T1', 200),
    get('/testcases/ZT-T2', 200),
    get('/testcases/ZT-T999', 404),
  ],
  'GET /testcases/{testCaseKey}/links': [
    get('/testcases/ZT-T1/links', 200),
    get('/testcases/ZT-T999/links', 404),
  ],
  'GET /testcases/{testCaseKey}/versions': [
    get('/testcases/ZT-T1/versions', 200),
    get('/testcases/ZT-T999/versions', 404),
  ],
  'GET /testcases/{testCaseKey}/versions/{version}': [
    get('/testcases/ZT-T1/versions/1', 200),
    get('/testcases/ZT-T1/versions/3', 404),
    get('/testcases/ZT-T999/versions/1', 404),
  ],
  'GET /testcases/{testCaseKey}/testscript': [
    get('/testcases/ZT-T2/testscript', 200),
    get('/testcases/ZT-T3/testscript', 200),
    get('/testcases/ZT-T1/testscript', 404),
    get('/testcases/ZT-T999/testscript', 404),
  ],
  'POST /testcases/{testCaseKey}/testscript': [
    post('/testcases/ZT-T6/testscript', 201, { type: 'plain', text: 'Do it.' }),
    post('/testcases/ZT-T6/testscript', 400, { type: 'markdown', text: 'Do it.' }),
    post('/testcases/ZT-T999/testscript', 404, { type: 'plain', text: 'Do it.' }),
  ],
  'GET /testcases/{testCaseKey}/teststeps': [
    get('/testcases/ZT-T1/teststeps', 200),
    get('/testcases/ZT-T4/teststeps', 200),
    get('/testcases/ZT-T999/teststeps', 404),
  ],
  'PUT /testcases/{testCaseKey}': [
    put('/testcases/ZT-T1', 200, caseUpdate()),
    put('/testcases/ZT-T1', 400, caseUpdate({ priority: { id: 99 } })),
    put('/testcases/ZT-T999', 404, caseUpdate({ key: 'ZT-T999' })),
  ],
  'POST /testcases/{testCaseKey}/teststeps': [
    post('/testcases/ZT-T6/teststeps', 201, { mode: 'APPEND', items: [{ inline: { description: 'One' } }] }),
    post('/testcases/ZT-T6/teststeps', 400, { mode: 'PREPEND', items: [] }),
    post('/testcases/ZT-T999/teststeps', 404, { mode: 'APPEND', items: [] }),
  ],
  'GET /testcycles': [get('/testcycles', 200, { projectKey: 'ZT', folderId: '4' })],
  'POST /testcycles': [
    post('/testcycles', 201, {
      projectKey: 'ZT',
      name: 'Sprint 3',
      plannedStartDate: '2024-04-01T08:00:00Z',
    }),
    post('/testcycles', 400, { projectKey: 'ZT', name: 'Sprint 3', plannedStartDate: 'next monday' }),
  ],
  'GET /testcycles/{testCycleIdOrKey}': [
    get('/testcycles/ZT-R1', 200),
    get('/testcycles/202', 200),
    get('/testcycles/ZT-R9', 404),
  ],
  'PUT /testcycles/{testCycleIdOrKey}': [
    put('/testcycles/ZT-R1', 200, {
      id: 201,
      key: 'ZT-R1',
      name: 'Renamed',
      project: { id: 10000 },
      status: { id: 3 },
    }),
    put('/testcycles/ZT-R1', 400, {
      id: 201,
      key: 'ZT-R1',
      name: 'Renamed',
      project: { id: 10000 },
      status: { id: 1 },
    }),
    put('/testcycles/ZT-R9', 404, {
      id: 209,
      key: 'ZT-R9',
      name: 'x',
      project: { id: 10000 },
      status: { id: 3 },
    }),
  ],
  'GET /testcycles/{testCycleIdOrKey}/links': [
    get('/testcycles/ZT-R1/links', 200),
    get('/testcycles/999/links', 404),
  ],
  'GET /testplans': [get('/testplans', 200, { projectKey: 'ZT' })],
  'GET /testplans/{testPlanIdOrKey}': [
    get('/testplans/ZT-P1', 200),
    get('/testplans/302', 200),
    get('/testplans/ZT-P9', 404),
  ],
  'GET /testexecutions': [
    get('/testexecutions', 200, { projectKey: 'ZT', maxResults: '100' }),
    get('/testexecutions', 200, { testCycle: 'ZT-R1', onlyLastExecutions: 'true' }),
    get('/testexecutions', 400, { actualEndDateAfter: 'yesterday' }),
  ],
  'POST /testexecutions': [
    post('/testexecutions', 201, {
      projectKey: 'ZT',
      testCaseKey: 'ZT-T2',
      testCycleKey: 'ZT-R2',
      statusName: 'Pass',
    }),
    post('/testexecutions', 400, { projectKey: 'ZT', testCaseKey: 'ZT-T2', testCycleKey: 'ZT-R2' }),
  ],
  'GET /testexecutions/{testExecutionIdOrKey}': [
    get('/testexecutions/ZT-E2', 200),
    get('/testexecutions/405', 200),
    get('/testexecutions/ZT-E99', 404),
  ],
  'PUT /testexecutions/{testExecutionIdOrKey}': [
    put('/testexecutions/ZT-E2', 200, { statusName: 'Fail', comment: 'Edited' }),
    put('/testexecutions/ZT-E2', 400, { statusName: 'Nope' }),
    put('/testexecutions/ZT-E99', 404, { statusName: 'Fail' }),
  ],
  'GET /testexecutions/{testExecutionIdOrKey}/teststeps': [
    get('/testexecutions/ZT-E2/teststeps', 200),
    get('/testexecutions/ZT-E99/teststeps', 404),
  ],
  'GET /testexecutions/{testExecutionIdOrKey}/links': [
    get('/testexecutions/402/links', 200),
    get('/testexecutions/ZT-E99/links', 404),
  ],
};

/**
 * The one operation whose spec declares no error response at all (not even `default`), though
 * it must fail for an execution that does not exist or a caller without a token. Its errors are
 * checked against the spec's `Error` shape directly.
 */
const DECLARES_NO_ERRORS = new Set(['GET /testexecutions/{testExecutionIdOrKey}/teststeps']);

let spec: VendorSpec;
const simulator = createZephyrSimulator({ dataset: fixtureDataset() });
let baseUrl: string;

beforeAll(async () => {
  spec = await loadVendorSpec('zephyr');
  baseUrl = await simulator.listen();
});
afterAll(() => simulator.close());

describe('Zephyr simulator conformance to the spec', () => {
  it('has probes for exactly the routes it serves', () => {
    const served = simulator.server.routes();
    expect(served.filter((route) => !(route in PROBES))).toEqual([]);
    expect(Object.keys(PROBES).filter((route) => !served.includes(route))).toEqual([]);
  });

  it('serves every read a full project export needs and the writes for seeding', () => {
    expect(simulator.server.routes().sort()).toMatchInlineSnapshot(`
      [
        "GET /environments",
        "GET /environments/{environmentId}",
        "GET /folders",
        "GET /folders/{folderId}",
        "GET /healthcheck",
        "GET /priorities",
        "GET /priorities/{priorityId}",
        "GET /projects",
        "GET /projects/{projectIdOrKey}",
        "GET /statuses",
        "GET /statuses/{statusId}",
        "GET /testcases",
        "GET /testcases/{testCaseKey}",
        "GET /testcases/{testCaseKey}/links",
        "GET /testcases/{testCaseKey}/testscript",
        "GET /testcases/{testCaseKey}/teststeps",
        "GET /testcases/{testCaseKey}/versions",
        "GET /testcases/{testCaseKey}/versions/{version}",
        "GET /testcycles",
        "GET /testcycles/{testCycleIdOrKey}",
        "GET /testcycles/{testCycleIdOrKey}/links",
        "GET /testexecutions",
        "GET /testexecutions/{testExecutionIdOrKey}",
        "GET /testexecutions/{testExecutionIdOrKey}/links",
        "GET /testexecutions/{testExecutionIdOrKey}/teststeps",
        "GET /testplans",
        "GET /testplans/{testPlanIdOrKey}",
        "POST /folders",
        "POST /testcases",
        "POST /testcases/{testCaseKey}/testscript",
        "POST /testcases/{testCaseKey}/teststeps",
        "POST /testcycles",
        "POST /testexecutions",
        "PUT /testcases/{testCaseKey}",
        "PUT /testcycles/{testCycleIdOrKey}",
        "PUT /testexecutions/{testExecutionIdOrKey}",
      ]
    `);
  });

  for (const operation of zephyrOperations) {
    const label = `${operation.method} ${operation.path}`;
    const probes = PROBES[label];
    if (probes === undefined) {
      it(`${label} is not served and says so`, async () => {
        const body = operation.method === 'GET' ? undefined : {};
        const answer = await zephyrCall(baseUrl, samplePath(operation.path), {
          method: operation.method,
          body,
        });
        expect(answer.status).toBe(501);
        expect(answer.body).toEqual({
          errorCode: 501,
          message: `${label} is in the zephyr spec but not simulated`,
        });
      });
      continue;
    }
    it(`${label} answers as the spec declares`, async () => {
      for (const probe of probes) {
        const answer = await zephyrCall(baseUrl, probe.path, probe);
        const where = `${probe.method ?? 'GET'} ${probe.path} ${JSON.stringify(probe.query ?? probe.body ?? '')}`;
        expect(answer.status, `${where}: ${JSON.stringify(answer.body)}`).toBe(probe.status);
        expectConforming(operation.method, operation.path, answer, where);
      }
      const anonymous = await zephyrCall(baseUrl, probes[0]?.path ?? '', {
        ...probes[0],
        authorization: null,
      });
      expect(anonymous.status).toBe(401);
      expectConforming(operation.method, operation.path, anonymous, 'without a token');
    });
  }
});

function expectConforming(method: string, template: string, answer: ZephyrAnswer, where: string): void {
  const label = `${method} ${template}`;
  if (answer.status >= 400 && DECLARES_NO_ERRORS.has(label)) {
    expect(answer.body, where).toEqual({ errorCode: answer.status, message: expect.any(String) });
    return;
  }
  const declared = spec.declaredStatuses(method, template);
  const isDeclared =
    declared.includes(String(answer.status)) || (answer.status >= 400 && declared.includes('default'));
  expect(isDeclared, `${where}: status ${answer.status} is not among ${declared.join(', ')}`).toBe(true);
  if (method === 'POST' && template === '/testexecutions' && answer.status === 201) {
    // The spec's 201 here is a `location` header and no body.
    expect(answer.body).toBeUndefined();
    expect(answer.headers.get('location')).toMatch(/\/v2\/testexecutions\/\d+$/);
    return;
  }
  const problems = spec.checkResponse(method, template, answer.status, answer.body);
  expect(withoutKnownSpecDefects(problems, answer.body), `${where}: ${JSON.stringify(answer.body)}`).toEqual(
    [],
  );
}

/** A concrete path for a template, for operations the simulator does not serve. */
function samplePath(template: string): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) =>
    name === 'testCaseKey' ? 'ZT-T1' : name === 'issueKey' ? 'ZT-1' : '1',
  );
}
