import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type RunningSimulators, startSimulators } from '@ztoq/simulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BundledRun, copyPublishedAction, runBundledAction } from './support/bundled-action.js';
import { type GitHubApi, startGitHubApi } from './support/github-api.js';

/**
 * The chain as GitHub runs it: each run is the committed bundle in a fresh workspace (nothing
 * on disk survives a run but the cache and the artifacts), started by the event the previous
 * run dispatched. A simulator pair serves one Zephyr project, so ALPHA and GAMMA each have a
 * pair and the runner's settings follow the project a run is started for; BROKEN has a
 * refused Zephyr token, the credentials failure of a middle project.
 */
const REPO_TOKEN = 'ghp-repo-access-token-5e1f0c';
const REFUSED_TOKEN = 'refused-zephyr-token-91ab';

let alpha: RunningSimulators;
let gamma: RunningSimulators;
let api: GitHubApi;
let root: string;
let actionDirectory: string;
let runNumber = 0;

beforeAll(async () => {
  alpha = await startSimulators({ size: 'tiny', seed: 11, projectKey: 'ALPHA' });
  gamma = await startSimulators({ size: 'tiny', seed: 12, projectKey: 'GAMMA' });
  api = await startGitHubApi();
  root = path.join(tmpdir(), `ztoq-chain-${process.pid}`);
  await rm(root, { recursive: true, force: true });
  actionDirectory = await copyPublishedAction();
}, 60_000);
afterAll(async () => {
  await Promise.all([alpha?.close(), gamma?.close(), api?.close()]);
  await rm(root, { recursive: true, force: true });
  await rm(actionDirectory, { recursive: true, force: true });
});

function settingsFor(project: string): Record<string, string> {
  const pair = project === 'GAMMA' ? gamma : alpha;
  const { connection } = pair;
  return {
    ZEPHYR_BASE_URL: connection.zephyr.baseUrl,
    ZEPHYR_API_TOKEN: project === 'BROKEN' ? REFUSED_TOKEN : connection.zephyr.apiToken,
    QTEST_BASE_URL: connection.qtest.baseUrl,
    QTEST_USERNAME: connection.qtest.username,
    QTEST_PASSWORD: connection.qtest.password,
    QTEST_PROJECT_ID: String(connection.qtest.projectId),
  };
}

function mappingOf(pair: RunningSimulators) {
  return {
    executionStatus: { Retest: 'Incomplete' },
    users: Object.fromEntries(pair.dataset.users.map((user) => [user.accountId, user.email])),
  };
}

/** One run of the workflow's migrate job, in a workspace checked out afresh. */
async function workflowRun(
  event: { name: string; payload: unknown },
  project: string,
  inputs: Record<string, string> = {},
): Promise<BundledRun> {
  runNumber += 1;
  const workspace = path.join(root, 'workspace');
  await rm(workspace, { recursive: true, force: true });
  await mkdir(path.join(workspace, 'migration-config'), { recursive: true });
  await writeFile(
    path.join(workspace, 'migration-config/projects.txt'),
    '# the queue\nALPHA\nBROKEN\nGAMMA\n',
  );
  await writeFile(
    path.join(workspace, 'mapping.json'),
    JSON.stringify(mappingOf(project === 'GAMMA' ? gamma : alpha)),
  );
  return runBundledAction({
    actionDirectory,
    workspace,
    inputs: { mapping: 'mapping.json', 'report-dir': 'ztoq-reports', ...inputs },
    event,
    env: {
      ...settingsFor(project),
      REPO_ACCESS_TOKEN: REPO_TOKEN,
      GITHUB_API_URL: api.url,
      GITHUB_REPOSITORY: 'acme/migrations',
      GITHUB_RUN_ID: String(1000 + runNumber),
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

const GIVEN_SECRETS = () => [
  REPO_TOKEN,
  REFUSED_TOKEN,
  alpha.connection.qtest.password,
  alpha.connection.zephyr.apiToken,
];

/** Masked values: those the run was given and those it derived (a qTest bearer token from its login). */
function maskedValues(run: BundledRun): string[] {
  return run.stdout
    .split('\n')
    .filter((line) => line.startsWith('::add-mask::'))
    .map((line) => line.slice('::add-mask::'.length));
}

function expectNoSecret(run: BundledRun, options: { loggedIn: boolean }): void {
  const printed = run.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
  const masked = maskedValues(run);
  expect(masked).toContain(REPO_TOKEN);
  const derived = masked.filter(
    (value) => !GIVEN_SECRETS().some((given) => given.includes(value) || value.includes(given)),
  );
  if (options.loggedIn) expect(derived.length).toBeGreaterThan(0);
  for (const secret of [...GIVEN_SECRETS(), ...masked]) {
    for (const text of [printed, run.stderr, run.summary, run.outputFile]) expect(text).not.toContain(secret);
  }
}

describe('a chain of scheduled runs', () => {
  it('migrates a three-project file project by project, past a failing middle one, and then stops', async () => {
    const first = await workflowRun({ name: 'schedule', payload: { schedule: '0 2 * * *' } }, 'ALPHA');
    expect(first.stderr).toBe('');
    expect(first.outputs).toMatchObject({
      'project-key': 'ALPHA',
      status: 'partial',
      'next-project': 'BROKEN',
    });
    expect(api.dispatches).toHaveLength(1);
    expect(api.dispatches[0]).toMatchObject({
      path: '/repos/acme/migrations/dispatches',
      authorization: `token ${REPO_TOKEN}`,
      body: {
        event_type: 'trigger-migration',
        client_payload: {
          project_key: 'BROKEN',
          batch_size: '50',
          max_workers: '5',
          phase: 'all',
          send_report: true,
        },
      },
    });
    expect(alpha.qtest.store.project(alpha.connection.qtest.projectId)!.testCases.size).toBe(
      alpha.dataset.testCases.count,
    );

    const second = await workflowRun(lastDispatchEvent(), 'BROKEN');
    expect(second.outputs).toMatchObject({
      'project-key': 'BROKEN',
      status: 'failed',
      'exit-code': '4',
      'next-project': 'GAMMA',
    });
    expect(second.exitCode).toBe(1);
    expect(second.summary).toContain('BROKEN: <strong>failed</strong>');
    expect(api.dispatches.at(-1)!.body.client_payload.project_key).toBe('GAMMA');

    const third = await workflowRun(lastDispatchEvent(), 'GAMMA');
    expect(third.outputs).toMatchObject({ 'project-key': 'GAMMA', status: 'partial', 'next-project': '' });
    expect(third.stdout).toContain('the queue is empty');
    expect(api.dispatches).toHaveLength(2);
    expect(gamma.qtest.store.project(gamma.connection.qtest.projectId)!.testCases.size).toBe(
      gamma.dataset.testCases.count,
    );

    // The queue, carried only by the cache, holds every outcome.
    const fourth = await workflowRun({ name: 'schedule', payload: {} }, 'ALPHA');
    expect(fourth.outputs).toMatchObject({ status: 'nothing-to-do', 'next-project': '' });
    expect(api.dispatches).toHaveLength(2);

    const artifacts = (await readdir(path.join(root, 'artifacts'))).sort();
    expect(artifacts).toEqual([
      `ztoq-ALPHA-${first.outputs['migration-id']}`,
      `ztoq-GAMMA-${third.outputs['migration-id']}`,
    ]);
    expectNoSecret(first, { loggedIn: true });
    expectNoSecret(second, { loggedIn: false });
    expectNoSecret(third, { loggedIn: true });
    expectNoSecret(fourth, { loggedIn: false });
    for (const dispatch of api.dispatches) expect(dispatch.raw).not.toContain(REPO_TOKEN);
    for (const artifact of artifacts) {
      for (const file of await readdir(path.join(root, 'artifacts', artifact))) {
        const text = await readFile(path.join(root, 'artifacts', artifact, file), 'utf8');
        expect(text).not.toContain(REPO_TOKEN);
        expect(text).not.toContain(alpha.connection.qtest.password);
      }
    }
  }, 300_000);
});
