import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type RunningSimulators, startSimulators } from '@ztoq/simulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { differencesFromExpected } from '../../ztoq-core/test/engine/support/expect-migrated.js';
import { type BundledRun, copyPublishedAction, runBundledAction } from './support/bundled-action.js';
import { type GitHubApi, startGitHubApi } from './support/github-api.js';

/**
 * The time budget as a chain lives it: each run is the committed bundle in a fresh workspace,
 * started by the dispatch the previous run recorded, with nothing but the cache between runs.
 */
const REPO_TOKEN = 'ghp-budget-chain-token-77d1';
const MAPPING = 'mapping.json';

let actionDirectory: string;
let api: GitHubApi;
beforeAll(async () => {
  actionDirectory = await copyPublishedAction();
  api = await startGitHubApi();
}, 60_000);
afterAll(async () => {
  await api?.close();
  await rm(actionDirectory, { recursive: true, force: true });
});

/** A project's simulator pair and the runner's directories (workspace, cache, artifacts). */
interface Chain {
  pair: RunningSimulators;
  root: string;
  runs: number;
  close(): Promise<void>;
}

async function startChain(projectKey: string, seed: number): Promise<Chain> {
  const pair = await startSimulators({ size: 'tiny', seed, projectKey });
  const root = path.join(tmpdir(), `ztoq-budget-${projectKey}-${process.pid}`);
  await rm(root, { recursive: true, force: true });
  return {
    pair,
    root,
    runs: 0,
    async close() {
      await pair.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

async function workflowRun(
  chain: Chain,
  event: { name: string; payload: unknown },
  inputs: Record<string, string>,
): Promise<BundledRun> {
  chain.runs += 1;
  const { pair, root } = chain;
  const { connection } = pair;
  const workspace = path.join(root, 'workspace');
  await rm(workspace, { recursive: true, force: true });
  await mkdir(path.join(workspace, 'migration-config'), { recursive: true });
  await writeFile(path.join(workspace, 'migration-config/projects.txt'), `${connection.zephyr.projectKey}\n`);
  await writeFile(
    path.join(workspace, MAPPING),
    JSON.stringify({
      executionStatus: { Retest: 'Incomplete' },
      users: Object.fromEntries(pair.dataset.users.map((user) => [user.accountId, user.email])),
    }),
  );
  return runBundledAction({
    actionDirectory,
    workspace,
    inputs: { mapping: MAPPING, 'report-dir': 'ztoq-reports', ...inputs },
    event,
    env: {
      ZEPHYR_BASE_URL: connection.zephyr.baseUrl,
      ZEPHYR_API_TOKEN: connection.zephyr.apiToken,
      QTEST_BASE_URL: connection.qtest.baseUrl,
      QTEST_USERNAME: connection.qtest.username,
      QTEST_PASSWORD: connection.qtest.password,
      QTEST_PROJECT_ID: String(connection.qtest.projectId),
      REPO_ACCESS_TOKEN: REPO_TOKEN,
      GITHUB_API_URL: api.url,
      GITHUB_REPOSITORY: 'acme/migrations',
      GITHUB_RUN_ID: String(5000 + chain.runs),
      GITHUB_RUN_ATTEMPT: '1',
      ZTOQ_ACTION_CACHE_DIR: path.join(root, 'cache'),
      ZTOQ_ACTION_ARTIFACT_DIR: path.join(root, 'artifacts'),
    },
  });
}

/** The event the last recorded dispatch starts, as the runner hands it to the next run. */
function lastDispatchEvent() {
  const dispatch = api.dispatches.at(-1)!;
  return {
    name: 'repository_dispatch',
    payload: { action: dispatch.body.event_type, client_payload: dispatch.body.client_payload },
  };
}

/** What the qTest simulator holds against what the Zephyr data set becomes: duplicates and gaps alike. */
function differencesInQTest(pair: RunningSimulators): string[] {
  return differencesFromExpected({
    dataset: pair.dataset,
    store: pair.qtest.store,
    projectId: pair.connection.qtest.projectId,
    root: pair.dataset.project.key,
    executionStatus: { Retest: 'Incomplete' },
  });
}

/** Everything a migration creates in the qTest project (it starts empty). */
function entitiesInQTest(pair: RunningSimulators): number {
  const project = pair.qtest.store.project(pair.connection.qtest.projectId)!;
  const { modules, testCases, releases, testCycles, testRuns, testLogs } = project;
  return [modules, testCases, releases, testCycles, testRuns, testLogs].reduce(
    (sum, map) => sum + map.size,
    0,
  );
}

const qtestCreates = (pair: RunningSimulators) =>
  Object.entries(pair.qtest.requestCounts())
    .filter(([operation]) => operation.startsWith('POST ') && !/search|oauth/.test(operation))
    .reduce((sum, [, count]) => sum + count, 0);

/** Source entities in the store after the last run, as its result file counts them. */
async function extractedSoFar(chain: Chain): Promise<number> {
  const file = path.join(chain.root, 'workspace', 'ztoq-reports', 'result.json');
  const result = JSON.parse(await readFile(file, 'utf8')) as { extracted: Record<string, number> };
  return Object.values(result.extracted).reduce((sum, count) => sum + count, 0);
}

const loadTotals = (run: BundledRun) => {
  const counts = JSON.parse(run.outputs.counts ?? '{}') as Record<
    string,
    { created: number; adopted: number }
  >;
  return Object.values(counts).reduce(
    (sum, type) => ({ created: sum.created + type.created, adopted: sum.adopted + type.adopted }),
    { created: 0, adopted: 0 },
  );
};

describe('the time budget', () => {
  it('completes a project over chained runs stopped by tiny budgets, with nothing twice and nothing missing', async () => {
    const chain = await startChain('DELTA', 51);
    try {
      // The first runs' budget is spent before the engine starts: each does the least the engine
      // guarantees, one page read with its checkpoint. The later runs get a budget of seconds.
      const spent = { 'time-budget-minutes': '0.0001' };
      const seconds = { 'time-budget-minutes': '0.2' };
      const dispatchesBefore = api.dispatches.length;
      const runs: BundledRun[] = [];
      const extracted: number[] = [];
      let run = await workflowRun(chain, { name: 'schedule', payload: { schedule: '0 2 * * *' } }, spent);
      for (;;) {
        runs.push(run);
        extracted.push(await extractedSoFar(chain));
        if (run.outputs.status !== 'interrupted' || runs.length >= 40) break;
        expect(run.stdout, `run ${runs.length}`).toMatch(/stopped at its time budget of [0-9.]+ minutes/);
        expect(run.outputs['next-project']).toBe('DELTA');
        expect(api.dispatches.at(-1)!.body.client_payload).toMatchObject({ project_key: 'DELTA' });
        run = await workflowRun(chain, lastDispatchEvent(), runs.length < 3 ? spent : seconds);
      }
      expect(run.stderr).toBe('');
      expect(run.outputs, run.stdout).toMatchObject({ 'project-key': 'DELTA', 'next-project': '' });
      expect(['succeeded', 'partial']).toContain(run.outputs.status);
      expect(runs.length).toBeGreaterThanOrEqual(4);
      expect(runs.length).toBeLessThanOrEqual(40);
      // Each run with a spent budget still stored a page of folders (the first stream, 3 pages).
      expect(runs.slice(0, 3).map((each) => each.outputs.status)).toEqual(Array(3).fill('interrupted'));
      expect(extracted[0]).toBeGreaterThan(0);
      expect(extracted[1]).toBeGreaterThan(extracted[0]!);
      expect(extracted[2]).toBeGreaterThan(extracted[1]!);
      // One migration across the chain; every run but the last dispatched the same project again.
      expect(new Set(runs.map((each) => each.outputs['migration-id'])).size).toBe(1);
      expect(api.dispatches.length - dispatchesBefore).toBe(runs.length - 1);
      expect(differencesInQTest(chain.pair)).toEqual([]);
      // Every entity was created once: the creates the runs counted are what qTest holds.
      const created = runs.reduce((sum, each) => sum + loadTotals(each).created, 0);
      expect(created).toBe(entitiesInQTest(chain.pair));
      // The reports of the finished project are uploaded once, by the run that finished it.
      expect(await readdir(path.join(chain.root, 'artifacts'))).toHaveLength(1);
    } finally {
      await chain.close();
    }
  }, 600_000);

  it('adopts what qTest holds when the cache lost the store, and creates nothing twice', async () => {
    const chain = await startChain('EPSILON', 52);
    try {
      const first = await workflowRun(chain, { name: 'schedule', payload: {} }, {});
      expect(first.outputs.status, first.stdout).toBe('partial');
      const createsAfterFirst = qtestCreates(chain.pair);
      const loaded = loadTotals(first).created;
      expect(loaded).toBeGreaterThan(0);

      // The store's cache entries are evicted; the queue's stay.
      const cache = path.join(chain.root, 'cache');
      for (const entry of await readdir(cache)) {
        if (decodeURIComponent(entry).includes('ztoq-store-'))
          await rm(path.join(cache, entry), { recursive: true });
      }
      const second = await workflowRun(
        chain,
        { name: 'workflow_dispatch', payload: {} },
        { 'project-key': 'EPSILON' },
      );
      expect(second.stdout).toContain("no cached state for EPSILON's store");
      expect(second.outputs.status, second.stdout).toBe('partial');
      expect(loadTotals(second)).toEqual({ created: 0, adopted: loaded });
      expect(qtestCreates(chain.pair)).toBe(createsAfterFirst);
      expect(differencesInQTest(chain.pair)).toEqual([]);
      const result = JSON.parse(
        await readFile(path.join(chain.root, 'workspace', 'ztoq-reports', 'result.json'), 'utf8'),
      );
      expect(result.migrationId).not.toBe(first.outputs['migration-id']);
    } finally {
      await chain.close();
    }
  }, 300_000);
});
