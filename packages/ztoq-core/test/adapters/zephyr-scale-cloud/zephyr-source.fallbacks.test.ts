import { describe, expect, it } from 'vitest';
import { zephyrScaleCloud } from '../../../src/adapters/zephyr-scale-cloud/index.js';
import { HttpLayer } from '../../../src/http/http-layer.js';
import type { CanonicalEntityMap, CanonicalEntityType } from '../../../src/model/canonical.js';
import {
  pathOf,
  type RecordedRequest,
  type Reply,
  startRecordingServer,
} from '../../api/recording-server.js';

/**
 * The simulator always embeds links and always sends a `testScript` link. The spec makes all of
 * these optional, so a scripted server checks that the source then asks for what is missing.
 */

const page = (values: unknown[]) => ({ startAt: 0, maxResults: 1000, isLast: true, values });
const link = (id: number) => ({ id, self: `http://zephyr/v2/x/${id}` });

const ROUTES: Record<string, Reply> = {
  // No testScript link and no embedded links: steps first, then the script; links apart.
  '/v2/testcases': {
    status: 200,
    json: page([
      { id: 1, key: 'P-T1', name: 'No hints', project: link(9), priority: link(2), status: link(3) },
      {
        id: 2,
        key: 'P-T2',
        name: 'Script link, no script',
        project: link(9),
        priority: link(2),
        status: link(3),
        testScript: { self: 'http://zephyr/v2/testcases/P-T2/testscript' },
        links: { issues: [], webLinks: [] },
      },
    ]),
  },
  '/v2/testcases/P-T1/teststeps': { status: 200, json: page([]) },
  '/v2/testcases/P-T1/testscript': { status: 200, json: { id: 5, type: 'bdd', text: 'Given a user' } },
  '/v2/testcases/P-T1/versions': {
    status: 200,
    json: page([
      { id: 11, self: 'http://zephyr/v2/testcases/P-T1/versions/2' },
      { id: 10, self: 'http://zephyr/v2/testcases/P-T1/versions/1' },
    ]),
  },
  '/v2/testcases/P-T1/links': {
    status: 200,
    json: {
      issues: [{ id: 7, issueId: 10042, target: 'https://jira/rest/api/2/issue/10042', type: 'COVERAGE' }],
      webLinks: [{ id: 8, url: 'https://docs', type: 'RELATED' }],
    },
  },
  '/v2/testcases/P-T2/testscript': { status: 404, json: { errorCode: 404, message: 'no script' } },
  '/v2/testcases/P-T2/teststeps': { status: 200, json: page([{ inline: { description: 'Open' } }]) },
  '/v2/testcases/P-T2/versions': {
    status: 200,
    json: page([{ id: 20, self: 'http://zephyr/v2/testcases/P-T2/versions/1' }]),
  },
  // A cycle whose embedded links leave out the plans; a plan without links.
  '/v2/testcycles': {
    status: 200,
    json: page([
      { id: 30, key: 'P-R1', name: 'Cycle', project: link(9), status: link(4), links: { issues: [] } },
    ]),
  },
  '/v2/testcycles/30/links': {
    status: 200,
    json: {
      issues: [],
      webLinks: [],
      testPlans: [{ id: 99, target: 'http://zephyr/v2/testplans/40', type: 'RELATED' }],
    },
  },
  '/v2/testplans': {
    status: 200,
    json: page([{ id: 40, key: 'P-P1', name: 'Plan', project: link(9), status: link(5) }]),
  },
  '/v2/testplans/40': {
    status: 200,
    json: {
      id: 40,
      key: 'P-P1',
      name: 'Plan',
      project: link(9),
      status: link(5),
      links: { testCycles: [{ id: 99, testCycleId: 30, type: 'RELATED' }] },
    },
  },
  // An execution without embedded links, which has run.
  '/v2/testexecutions': {
    status: 200,
    json: page([
      {
        id: 50,
        key: 'P-E1',
        project: link(9),
        testCase: { id: 11, self: 'http://zephyr/v2/testcases/P-T1/versions/2' },
        testExecutionStatus: link(6),
        actualEndDate: '2024-01-02T03:04:05Z',
      },
    ]),
  },
  '/v2/testexecutions/50/links': {
    status: 200,
    json: { issues: [{ id: 51, issueId: 10043, type: 'BLOCKS' }] },
  },
  '/v2/testexecutions/50/teststeps': {
    status: 200,
    json: page([{ inline: { status: link(6), actualResult: 'ok' } }]),
  },
};

async function scriptedSource() {
  const server = await startRecordingServer(
    (request: RecordedRequest) => ROUTES[pathOf(request)] ?? { status: 599, json: { message: 'unscripted' } },
  );
  const source = zephyrScaleCloud({
    baseUrl: `${server.origin}/v2`,
    apiToken: 'token',
    http: new HttpLayer(),
  });
  const read = async <T extends CanonicalEntityType>(type: T): Promise<CanonicalEntityMap[T][]> => {
    const entities: CanonicalEntityMap[T][] = [];
    for await (const { entities: some } of source.readStream(type, { projectKey: 'P', maxWorkers: 2 })) {
      entities.push(...some);
    }
    return entities;
  };
  return { server, read, paths: () => server.requests.map(pathOf) };
}

describe('Zephyr Scale Cloud source when the lists leave things out', () => {
  it('finds a test case content without a testScript link, and steps behind a script link that has none', async () => {
    const { read, paths } = await scriptedSource();

    const [first, second] = await read('test-case');

    expect(first?.content).toEqual({ kind: 'bdd', text: 'Given a user' });
    expect(first?.version).toBe(2);
    expect(first?.versionCount).toBe(2);
    expect(first?.links).toEqual({
      issues: [{ issueId: '10042', url: 'https://jira/rest/api/2/issue/10042', kind: 'coverage' }],
      webLinks: [{ url: 'https://docs', kind: 'related' }],
    });
    expect(second?.content).toEqual({ kind: 'steps', steps: [{ kind: 'inline', description: 'Open' }] });
    expect(paths()).toContain('/v2/testcases/P-T1/links');
    expect(paths()).not.toContain('/v2/testcases/P-T2/links');
  });

  it("reads a cycle's plan links, a plan's cycle links and an execution's issue links one by one when not embedded", async () => {
    const { read } = await scriptedSource();

    const [cycle] = await read('test-cycle');
    const [plan] = await read('test-plan');
    const [execution] = await read('test-execution');

    expect(cycle?.testPlanIds).toEqual(['40']);
    expect(plan?.testCycleIds).toEqual(['30']);
    expect(execution).toStrictEqual({
      id: '50',
      key: 'P-E1',
      testCaseKey: 'P-T1',
      testCaseVersion: 2,
      statusId: '6',
      actualEndDate: '2024-01-02T03:04:05Z',
      automated: false,
      customFields: {},
      issueLinks: [{ issueId: '10043', kind: 'blocks' }],
      stepResults: [{ statusId: '6', actualResult: 'ok' }],
    });
  });
});
