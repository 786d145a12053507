import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtCliProcess, ensureBuiltCli } from './support/built-cli.js';
import {
  MAPPING_FILE,
  type SimulatedMigration,
  startSimulatedMigration,
} from './support/simulated-migration.js';

let migration: SimulatedMigration;
beforeAll(async () => {
  await ensureBuiltCli();
  migration = await startSimulatedMigration();
});
afterAll(async () => {
  await migration?.close();
});

interface Report {
  ok: boolean;
  checks: { id: string; status: string; detail: string }[];
}

const doctor = (env: NodeJS.ProcessEnv, ...extra: string[]) =>
  builtCliProcess(['doctor', '--project-key', migration.projectKey, ...extra], env, migration.cwd);
const statusOf = (report: Report) =>
  Object.fromEntries(report.checks.map((check) => [check.id, check.status]));

describe('ztoq doctor (built CLI)', () => {
  it('passes every check it can make and says coverage needs extracted data, writing nothing', async () => {
    const result = await doctor(migration.env, '--mapping', MAPPING_FILE);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^\[ok\] {3}qTest project 1001 exists and may be written: "/m);
    expect(result.stdout).toMatch(
      /^\[skip\] mapping covers the source values: nothing extracted for DEMO yet/m,
    );
    expect(result.stdout).toMatch(/\nready to migrate\n$/);
    expect(migration.createPosts()).toBe(0);
  });

  it('after a plan, finds the execution status the mapping does not cover, and exits 1', async () => {
    const plan = await builtCliProcess(
      ['plan', '--project-key', migration.projectKey, '--quiet'],
      migration.env,
      migration.cwd,
    );
    // Without the mapping file the plan stops at the preflight, but the project is extracted.
    expect(plan.code, plan.stderr).toBe(2);
    const result = await doctor(migration.env, '--json');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.ok).toBe(false);
    expect(report.checks.find((check) => check.id === 'mapping-coverage')).toMatchObject({
      status: 'failed',
      detail: expect.stringMatching(/executionStatus\["Retest"\]/),
    });
    expect(result.stderr).toBe('ztoq: doctor: 1 check(s) failed: mapping-coverage\n');

    const covered = await doctor(migration.env, '--mapping', MAPPING_FILE, '--json');
    expect(covered.code, covered.stderr).toBe(0);
    expect(statusOf(JSON.parse(covered.stdout) as Report)['mapping-coverage']).toBe('ok');
    expect(migration.createPosts()).toBe(0);
  }, 180_000);

  it('names each missing credential and the checks it had to skip', async () => {
    const env = { ...migration.env };
    delete env.ZEPHYR_API_TOKEN;
    delete env.QTEST_PASSWORD;
    delete env.QTEST_USERNAME;
    const result = await doctor(env, '--json');
    expect(result.code).toBe(1);
    expect(statusOf(JSON.parse(result.stdout) as Report)).toMatchObject({
      'zephyr-base-url': 'ok',
      'zephyr-api-token': 'failed',
      'qtest-credentials': 'failed',
      'zephyr-api': 'skipped',
      'qtest-api': 'skipped',
      store: 'ok',
    });
  });

  it('tells a refused token, an unknown project and an unreachable store apart', async () => {
    const env = {
      ...migration.env,
      ZEPHYR_API_TOKEN: 'not-the-token',
      QTEST_PROJECT_ID: '999999',
      ZTOQ_DATABASE_URL: 'postgres://postgres@127.0.0.1:1/x',
    };
    const result = await doctor(env);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^\[FAIL\] Zephyr Scale API reachable, token accepted: .*401/m);
    expect(result.stdout).toMatch(/^\[skip\] Zephyr project DEMO exists: needs the API$/m);
    expect(result.stdout).toMatch(/^\[ok\] {3}qTest API reachable, credentials accepted: answered$/m);
    expect(result.stdout).toMatch(/^\[FAIL\] qTest project 999999 .*: qTest project 999999 was not found/m);
    expect(result.stdout).toMatch(
      /^\[FAIL\] state store reachable, schema current: .*cannot reach PostgreSQL at 127\.0\.0\.1:1: connection refused$/m,
    );
  });

  it('reports a mapping file that does not parse with its line', async () => {
    await writeFile(
      path.join(migration.cwd, 'broken.json'),
      '{\n  "executionStatus": {\n    "Retest": Incomplete\n  }\n}\n',
    );
    const result = await doctor(migration.env, '--mapping', 'broken.json');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^\[FAIL\] mapping file parses: .*broken\.json: not valid JSON \(.* at line 3, column 15\)$/m,
    );
    expect(result.stdout).toMatch(/^\[skip\] mapping covers the source values: needs/m);
  });
});
