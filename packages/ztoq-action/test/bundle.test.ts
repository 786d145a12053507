import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type RunningSimulators, startSimulators } from '@ztoq/simulators';
import { afterEach, describe, expect, it } from 'vitest';
import { copyPublishedAction, runBundledAction } from './support/bundled-action.js';

let simulators: RunningSimulators | undefined;
const directories: string[] = [];
afterEach(async () => {
  await simulators?.close();
  simulators = undefined;
  for (const directory of directories.splice(0)) await rm(directory, { recursive: true, force: true });
});

describe('the committed bundle', () => {
  it('runs from a directory holding only action.yml and dist/, and migrates a project', async () => {
    simulators = await startSimulators({ size: 'tiny', seed: 3 });
    const { connection, dataset } = simulators;
    const actionDirectory = await copyPublishedAction();
    directories.push(actionDirectory);
    expect((await readdir(actionDirectory)).sort()).toEqual(['action.yml', 'dist']);
    const workspace = path.join(tmpdir(), `ztoq-bundle-workspace-${process.pid}`);
    directories.push(workspace);
    await rm(workspace, { recursive: true, force: true });

    const mapping = {
      executionStatus: { Retest: 'Incomplete' },
      users: Object.fromEntries(dataset.users.map((user) => [user.accountId, user.email])),
    };
    const inputs = {
      'project-key': connection.zephyr.projectKey,
      mapping: 'mapping.json',
      'report-dir': 'reports',
    };
    const env = {
      ZEPHYR_BASE_URL: connection.zephyr.baseUrl,
      ZEPHYR_API_TOKEN: connection.zephyr.apiToken,
      QTEST_BASE_URL: connection.qtest.baseUrl,
      QTEST_USERNAME: connection.qtest.username,
      QTEST_PASSWORD: connection.qtest.password,
      QTEST_PROJECT_ID: String(connection.qtest.projectId),
    };
    await mkdir(workspace, { recursive: true });
    await writeFile(path.join(workspace, 'mapping.json'), JSON.stringify(mapping));
    const first = await runBundledAction({
      actionDirectory,
      workspace,
      inputs,
      env,
      event: { name: 'workflow_dispatch', payload: { inputs: {} } },
    });
    expect(first.stderr).toBe('');
    expect(first.outputs).toMatchObject({ status: 'partial', 'exit-code': '3' });
    expect(first.outputs['migration-id']).toMatch(/\S/);
    expect(first.summary).toContain('<strong>partial</strong> (exit code 3)');
    // Everything the project holds is in qTest: one test case per Zephyr test case.
    const project = simulators.qtest.store.project(connection.qtest.projectId)!;
    expect(project.testCases.size).toBe(dataset.testCases.count);
    expect(first.exitCode).toBe(0);
  }, 180_000);
});
