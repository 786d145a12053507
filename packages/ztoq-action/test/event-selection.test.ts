import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MigrationResult } from '@ztoq/core';
import { type RunningSimulators, startSimulators } from '@ztoq/simulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BundledRun, copyPublishedAction, runBundledAction } from './support/bundled-action.js';
import { type GitHubApi, startGitHubApi } from './support/github-api.js';

/** Which project and parameters each kind of event gives a run of the committed bundle. */
let simulators: RunningSimulators;
let api: GitHubApi;
let root: string;
let actionDirectory: string;
let runNumber = 0;

beforeAll(async () => {
  simulators = await startSimulators({ size: 'tiny', seed: 21, projectKey: 'ALPHA' });
  api = await startGitHubApi();
  root = path.join(tmpdir(), `ztoq-events-${process.pid}`);
  await rm(root, { recursive: true, force: true });
  actionDirectory = await copyPublishedAction();
}, 60_000);
afterAll(async () => {
  await Promise.all([simulators?.close(), api?.close()]);
  await rm(root, { recursive: true, force: true });
  await rm(actionDirectory, { recursive: true, force: true });
});

async function runFor(
  event: { name: string; payload: unknown },
  options: { projectsFile?: string; inputs?: Record<string, string>; env?: Record<string, string> },
): Promise<BundledRun & { result: MigrationResult | undefined }> {
  runNumber += 1;
  const workspace = path.join(root, `workspace-${runNumber}`);
  await mkdir(path.join(workspace, 'migration-config'), { recursive: true });
  if (options.projectsFile !== undefined)
    await writeFile(path.join(workspace, 'migration-config/projects.txt'), options.projectsFile);
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
    inputs: { mapping: 'mapping.json', ...options.inputs },
    event,
    env: {
      ZEPHYR_BASE_URL: connection.zephyr.baseUrl,
      ZEPHYR_API_TOKEN: connection.zephyr.apiToken,
      QTEST_BASE_URL: connection.qtest.baseUrl,
      QTEST_USERNAME: connection.qtest.username,
      QTEST_PASSWORD: connection.qtest.password,
      QTEST_PROJECT_ID: String(connection.qtest.projectId),
      REPO_ACCESS_TOKEN: 'ghp-events-token-0a9d',
      GITHUB_API_URL: api.url,
      GITHUB_REPOSITORY: 'acme/migrations',
      GITHUB_RUN_ID: String(2000 + runNumber),
      ZTOQ_ACTION_CACHE_DIR: path.join(root, `cache-${runNumber}`),
      ZTOQ_ACTION_ARTIFACT_DIR: path.join(root, `artifacts-${runNumber}`),
      ...options.env,
    },
  });
  const resultFile = path.join(workspace, 'ztoq-reports', 'result.json');
  const result = await readFile(resultFile, 'utf8').then(
    (text) => JSON.parse(text) as MigrationResult,
    () => undefined,
  );
  return { ...run, result };
}

describe('the project and parameters of a run', () => {
  it('schedule: the first unfinished project of the projects file, into the qTest project of its line', async () => {
    const run = await runFor(
      { name: 'schedule', payload: { schedule: '0 2 * * *' } },
      {
        projectsFile: `# queue\nALPHA = ${simulators.connection.qtest.projectId}\n`,
        // Only the line's qTest project exists: the run succeeds only if the line is honoured.
        env: { QTEST_PROJECT_ID: '987654' },
        inputs: { phase: 'extract' },
      },
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(
      'project ALPHA (from the projects-file), batch size 50, 5 workers, phase extract',
    );
    // The run looks the target project up before it starts: 987654 would have failed it.
    expect(run.outputs).toMatchObject({ 'project-key': 'ALPHA', 'exit-code': '0', status: 'succeeded' });
  }, 120_000);

  it('workflow_dispatch: the inputs the workflow passes on, over the projects file', async () => {
    const run = await runFor(
      { name: 'workflow_dispatch', payload: { inputs: { project_key: 'ALPHA', batch_size: '20' } } },
      {
        projectsFile: 'OTHER\n',
        inputs: {
          'project-key': 'ALPHA',
          'batch-size': '20',
          'max-workers': '2',
          phase: 'extract',
          'send-report': 'false',
        },
      },
    );
    expect(run.stdout).toContain('project ALPHA (from the input), batch size 20, 2 workers, phase extract');
    expect(run.result?.phase).toBe('extract');
    // The chain goes on with the queue's next project and the run's own parameters.
    expect(run.outputs['next-project']).toBe('OTHER');
    expect(api.dispatches.at(-1)!.body.client_payload).toEqual({
      project_key: 'OTHER',
      batch_size: '20',
      max_workers: '2',
      phase: 'extract',
      send_report: false,
    });
  }, 120_000);

  it('repository_dispatch: client_payload with strings or JSON values, over the projects file', async () => {
    const run = await runFor(
      {
        name: 'repository_dispatch',
        payload: {
          action: 'trigger-migration',
          client_payload: {
            project_key: 'ALPHA',
            batch_size: 25,
            max_workers: '3',
            phase: 'extract',
            send_report: 'false',
          },
        },
      },
      { projectsFile: 'OTHER\n' },
    );
    expect(run.stdout).toContain(
      'project ALPHA (from the dispatch), batch size 25, 3 workers, phase extract',
    );
    expect(run.result?.phase).toBe('extract');
    expect(api.dispatches.at(-1)!.body.client_payload).toMatchObject({
      project_key: 'OTHER',
      batch_size: '25',
    });
  }, 120_000);

  it('no input, no dispatch and no projects file: DEFAULT_ZEPHYR_PROJECT_KEY, and a malformed payload is refused', async () => {
    const run = await runFor(
      { name: 'workflow_dispatch', payload: { inputs: {} } },
      { env: { DEFAULT_ZEPHYR_PROJECT_KEY: 'ALPHA' }, inputs: { phase: 'extract' } },
    );
    expect(run.stdout, run.stdout).toContain('project ALPHA (from the default)');
    expect(run.outputs).toMatchObject({ 'project-key': 'ALPHA', 'next-project': '' });
    expect(run.stdout).toContain('the queue is empty');

    const refused = await runFor(
      {
        name: 'repository_dispatch',
        payload: { client_payload: { project_key: 'ALPHA', batch_size: 'many' } },
      },
      {},
    );
    expect(refused.exitCode).toBe(1);
    expect(refused.outputs).toMatchObject({ status: 'failed', 'exit-code': '2' });
    expect(refused.stdout).toContain('::error::client_payload.batch_size must be a whole number, got "many"');
  }, 120_000);
});
