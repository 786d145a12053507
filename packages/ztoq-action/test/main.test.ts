import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MigrationResult } from '@ztoq/core';
import { type RunningSimulators, startSimulators } from '@ztoq/simulators';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { run } from '../src/main.js';
import { type ActionEnvironment, actionEnvironment } from './support/action-environment.js';

let simulators: RunningSimulators | undefined;
let step: ActionEnvironment | undefined;
afterEach(async () => {
  await step?.restore();
  await simulators?.close();
  step = undefined;
  simulators = undefined;
});

/** Both simulators with the `tiny` project, and the inputs a workflow would pass to migrate it. */
async function migrationStep(inputs: Record<string, string> = {}): Promise<ActionEnvironment> {
  simulators = await startSimulators({ size: 'tiny', seed: 7 });
  const { connection, dataset } = simulators;
  step = await actionEnvironment(
    {
      'zephyr-base-url': connection.zephyr.baseUrl,
      'zephyr-api-token': connection.zephyr.apiToken,
      'project-key': connection.zephyr.projectKey,
      'qtest-base-url': connection.qtest.baseUrl,
      'qtest-username': connection.qtest.username,
      'qtest-password': connection.qtest.password,
      'qtest-project-id': String(connection.qtest.projectId),
      mapping: 'mapping.json',
      ...inputs,
    },
    {},
  );
  const mapping = {
    executionStatus: { Retest: 'Incomplete' },
    users: Object.fromEntries(dataset.users.map((user) => [user.accountId, user.email])),
  };
  await writeFile(path.join(step.directory, 'mapping.json'), JSON.stringify(mapping));
  process.env.ZTOQ_DATABASE_URL = `file:${path.join(step.directory, 'store')}`;
  // Relative inputs (mapping, report-dir) resolve against the working directory, the workspace.
  process.chdir(step.directory);
  return step;
}

/** Requests that change qTest; logins and searches only read. */
function qtestWrites(running: RunningSimulators): number {
  return Object.entries(running.qtest.requestCounts())
    .filter(([operation]) => /^(POST|PUT|PATCH|DELETE) /.test(operation))
    .filter(([operation]) => !/search|oauth|login|token/i.test(operation))
    .reduce((sum, [, count]) => sum + count, 0);
}

const cwd = process.cwd();
const dataset = () => simulators!.dataset;
afterEach(() => process.chdir(cwd));

describe('run', () => {
  it('migrates the project, sets the outputs, writes result.json and the summary, and warns on a partial run', async () => {
    const current = await migrationStep({ 'report-dir': 'reports' });
    await run();

    const outputs = await current.outputs();
    const resultFile = path.join(current.directory, 'reports', 'result.json');
    const result = JSON.parse(await readFile(resultFile, 'utf8')) as MigrationResult;
    // The reports are written beside it, for the job's artifacts and the mail's attachments.
    expect(await readFile(path.join(current.directory, 'reports', 'report.html'), 'utf8')).toContain('DEMO');
    expect(await readFile(path.join(current.directory, 'reports', 'entities.csv'), 'utf8')).toMatch(
      /^\ufeff?type,source_key,/,
    );
    expect(outputs).toMatchObject({
      status: 'partial',
      'exit-code': '3',
      'migration-id': result.migrationId,
      'run-id': result.runId,
      'result-file': resultFile,
      'project-key': result.projectKey,
      'report-dir': path.join(current.directory, 'reports'),
      'next-project': '',
      'test-case-migrated': String(dataset().testCases.count),
      'test-case-failed': '0',
    });
    expect(JSON.parse(outputs.counts!)).toEqual(result.load);
    // Every output the step sets is declared, so a workflow author finds it in action.yml.
    const action = parse(await readFile(new URL('../../../action.yml', import.meta.url), 'utf8')) as {
      outputs: Record<string, unknown>;
    };
    expect(Object.keys(action.outputs)).toEqual(expect.arrayContaining(Object.keys(outputs)));
    expect(result.phases.map((phase) => phase.status)).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
      'succeeded',
    ]);
    expect(result.load['test-case']?.created).toBeGreaterThan(0);
    expect(qtestWrites(simulators!)).toBeGreaterThan(0);

    // Partial (older versions are never carried): a warning with the counts, and the step passes.
    const stdout = current.stdout();
    expect(stdout).toMatch(
      /::warning::ztoq: [A-Z][A-Z0-9_]* finished partially: .*not carried: older-versions \d+/,
    );
    expect(stdout).not.toContain('::error::');
    expect(process.exitCode).toBeUndefined();

    const summary = await current.summary();
    expect(summary).toContain(
      `<h2>ztoq: ${result.projectKey} → qTest project ${result.targetProjectId}</h2>`,
    );
    expect(summary).toContain('<strong>partial</strong> (exit code 3)');
    expect(summary).toContain(`<code>${result.migrationId}</code>`);
    for (const heading of ['Load', 'Validation', 'Not carried (lossy)', 'HTTP requests']) {
      expect(summary).toContain(`<h3>${heading}</h3>`);
    }
    const created = result.load['test-case']!;
    expect(summary).toContain(
      `<tr><td>test-case</td><td>${created.planned}</td><td>${created.created}</td><td>${created.adopted}</td>`,
    );
    expect(summary).toMatch(/\| qTest \| `POST \/api\/v3\/projects\/{projectId}\/test-cases` \| \d+ \|/);
    expect(summary).toMatch(/<tr><td>older-versions<\/td>/);
  }, 120_000);

  it('fails a partial run when fail-on-partial is set', async () => {
    const current = await migrationStep({ 'fail-on-partial': 'true' });
    await run();
    expect((await current.outputs()).status).toBe('partial');
    expect(current.stdout()).toMatch(/::error::ztoq: [A-Z][A-Z0-9_]* finished partially: /);
    expect(process.exitCode).toBe(1);
  }, 120_000);

  it('writes nothing to qTest in a dry run and summarises what load would do', async () => {
    const current = await migrationStep({ 'dry-run': 'true' });
    await run();
    expect(qtestWrites(simulators!)).toBe(0);
    expect(simulators!.qtest.requestCounts()).not.toEqual({});
    const outputs = await current.outputs();
    // Transform already finds what cannot be carried, so a dry run is as partial as the real one.
    expect(outputs).toMatchObject({ status: 'partial', 'exit-code': '3' });
    expect(outputs['result-file']).toBeUndefined();
    const summary = await current.summary();
    expect(summary).toContain(', dry run');
    expect(summary).toContain('<h3>What load would do</h3>');
    // Planned, would create all of them; nothing to update, unchanged or removed in source yet.
    expect(summary).toMatch(
      /<tr><td>test-case<\/td><td>(\d+)<\/td><td>\1<\/td><td>0<\/td><td>0<\/td><td>0<\/td><\/tr>/,
    );
    expect(summary).not.toContain('<h3>Load</h3>');
  }, 120_000);

  it('fails with one line on a refused token and never writes the secret', async () => {
    const secret = 'wrong-zephyr-token-7f3a9c';
    const current = await migrationStep({ 'zephyr-api-token': secret });
    await run();

    const errors = current
      .stdout()
      .split('\n')
      .filter((line) => line.startsWith('::error::'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^::error::Zephyr GET \S+ answered HTTP 401: /);
    expect(process.exitCode).toBe(1);
    expect(await current.outputs()).toMatchObject({ status: 'failed', 'exit-code': '4', 'next-project': '' });
    expect(await current.summary()).toMatch(/<h2>ztoq: [A-Z0-9_]+ not run<\/h2>/);
    expect(qtestWrites(simulators!)).toBe(0);

    // The runner is told to mask the token (`::add-mask::`); nothing else may carry it.
    const printed = current
      .stdout()
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'));
    for (const text of [printed.join('\n'), await current.summary(), await current.outputFile()]) {
      expect(text).not.toContain(secret);
    }
    expect(current.stdout()).toContain(`::add-mask::${secret}`);
  }, 120_000);

  it('names every missing setting and every malformed input before connecting', async () => {
    step = await actionEnvironment({ 'zephyr-api-token': 'secret-zephyr-token', 'project-key': 'DEMO' });
    // The step records the project's outcome in its workspace, as every run does.
    process.chdir(step.directory);
    await run();
    const errors = step
      .stdout()
      .split('\n')
      .filter((line) => line.startsWith('::error::'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('ZEPHYR_BASE_URL is not set');
    expect(errors[0]).toContain('QTEST_PROJECT_ID is not set');
    expect(await step.outputs()).toMatchObject({ status: 'failed', 'exit-code': '2', 'project-key': 'DEMO' });
    await step.restore();

    step = await actionEnvironment({ phase: 'everything', 'batch-size': 'ten' });
    process.chdir(step.directory);
    await run();
    expect(step.stdout()).toContain(
      '::error::input phase must be one of extract, transform, load, validate, all, got "everything"; input batch-size must be a whole number, got "ten"',
    );
  });
});
