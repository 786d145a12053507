import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MigrationResult } from '@ztoq/core';
import { type RunningSimulators, startSimulators } from '@ztoq/simulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BundledRun, copyPublishedAction, runBundledAction } from './support/bundled-action.js';
import { type GitHubApi, startGitHubApi } from './support/github-api.js';

let simulators: RunningSimulators;
let api: GitHubApi;
let root: string;
let actionDirectory: string;

beforeAll(async () => {
  simulators = await startSimulators({ size: 'tiny', seed: 31, projectKey: 'LONG' });
  api = await startGitHubApi();
  root = path.join(tmpdir(), `ztoq-budget-${process.pid}`);
  await rm(root, { recursive: true, force: true });
  actionDirectory = await copyPublishedAction();
}, 60_000);
afterAll(async () => {
  await Promise.all([simulators?.close(), api?.close()]);
  await rm(root, { recursive: true, force: true });
  await rm(actionDirectory, { recursive: true, force: true });
});

/** A run in a fresh workspace: only the cache carries the store from one run to the next. */
async function workflowRun(
  runNumber: number,
  event: { name: string; payload: unknown },
): Promise<BundledRun & { result?: MigrationResult }> {
  const workspace = path.join(root, 'workspace');
  await rm(workspace, { recursive: true, force: true });
  await mkdir(path.join(workspace, 'migration-config'), { recursive: true });
  await writeFile(path.join(workspace, 'migration-config/projects.txt'), 'LONG\n');
  const { connection, dataset } = simulators;
  await writeFile(
    path.join(workspace, 'mapping.json'),
    JSON.stringify({
      executionStatus: { Retest: 'Incomplete' },
      users: Object.fromEntries(dataset.users.map((user) => [user.accountId, user.email])),
    }),
  );
  const run = await runBundledAction({
    actionDirectory,
    workspace,
    // Seconds, not hours: every run stops part of the way through the tiny project.
    inputs: { mapping: 'mapping.json', 'time-budget-minutes': '0.1', 'batch-size': '5', 'max-workers': '2' },
    event,
    env: {
      ZEPHYR_BASE_URL: connection.zephyr.baseUrl,
      ZEPHYR_API_TOKEN: connection.zephyr.apiToken,
      QTEST_BASE_URL: connection.qtest.baseUrl,
      QTEST_USERNAME: connection.qtest.username,
      QTEST_PASSWORD: connection.qtest.password,
      QTEST_PROJECT_ID: String(connection.qtest.projectId),
      REPO_ACCESS_TOKEN: 'ghp-budget-token-77c1',
      GITHUB_API_URL: api.url,
      GITHUB_REPOSITORY: 'acme/migrations',
      GITHUB_RUN_ID: String(3000 + runNumber),
      ZTOQ_ACTION_CACHE_DIR: path.join(root, 'cache'),
      ZTOQ_ACTION_ARTIFACT_DIR: path.join(root, 'artifacts'),
    },
  });
  const result = await readFile(path.join(workspace, 'ztoq-reports/result.json'), 'utf8').then(
    (text) => JSON.parse(text) as MigrationResult,
    () => undefined,
  );
  return { ...run, ...(result ? { result } : {}) };
}

describe('the time budget', () => {
  it('stops a run cleanly, dispatches the same project again, and the chain completes it without duplicates', async () => {
    const runs: Awaited<ReturnType<typeof workflowRun>>[] = [];
    let event: { name: string; payload: unknown } = { name: 'schedule', payload: {} };
    // Bounded, so a budget too small to make progress fails the test instead of running forever.
    for (let runNumber = 1; runNumber <= 15; runNumber += 1) {
      const run = await workflowRun(runNumber, event);
      runs.push(run);
      expect(run.stderr).toBe('');
      if (run.outputs.status !== 'interrupted') break;
      // Stopped by its budget: the step passes, and the next run is the same project.
      expect(run.exitCode).toBe(0);
      expect(run.outputs['next-project']).toBe('LONG');
      expect(run.summary).toContain('the time budget was spent');
      const dispatch = api.dispatches.at(-1)!;
      expect(dispatch.body.client_payload).toEqual({
        project_key: 'LONG',
        batch_size: '5',
        max_workers: '2',
        phase: 'all',
        send_report: true,
      });
      event = { name: 'repository_dispatch', payload: { client_payload: dispatch.body.client_payload } };
    }
    expect(runs.length).toBeGreaterThan(1);
    const last = runs.at(-1)!;
    expect(last.outputs).toMatchObject({ status: 'partial', 'project-key': 'LONG', 'next-project': '' });
    expect(api.dispatches).toHaveLength(runs.length - 1);

    // Every run continued one migration, and qTest holds each entity once, none missing.
    const migrationIds = new Set(runs.map((run) => run.result?.migrationId).filter(Boolean));
    expect(migrationIds.size).toBe(1);
    const project = simulators.qtest.store.project(simulators.connection.qtest.projectId)!;
    expect(project.testCases.size).toBe(simulators.dataset.testCases.count);
    const validation = last.result!.validation;
    for (const [type, counts] of Object.entries(validation)) {
      expect({ type, missing: counts.missing, found: counts.found }).toEqual({
        type,
        missing: 0,
        found: counts.expected,
      });
    }
    expect(project.testCycles.size).toBe(validation['test-cycle']!.expected);
    expect(project.testLogs.size).toBe(validation['test-log']!.expected);
    expect(project.testRuns.size).toBe(validation['test-run']!.expected);
  }, 600_000);
});
