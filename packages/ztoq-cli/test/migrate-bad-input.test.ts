import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, cli, cliProcess } from './cli-harness.js';
import { builtCliProcess, ensureBuiltCli } from './support/built-cli.js';
import {
  MAPPING_FILE,
  type SimulatedMigration,
  startSimulatedMigration,
} from './support/simulated-migration.js';
import { storeSnapshot } from './support/store-snapshot.js';
import { createEmptyStore } from './support/store-template.js';

/**
 * Each case is a migration a person could start by mistake. Each must end at once with its
 * exit code and one line that says what to fix, before anything is recorded: no run in the
 * store (so `ztoq status` and the next real run are not confused by it) and nothing in qTest.
 * The table runs the CLI in this process: a subprocess adds two seconds of PGlite start-up per
 * case and proves nothing more about argument checks; one case below runs as a process.
 */
interface BadInput {
  name: string;
  args?: (migration: SimulatedMigration) => string[];
  env?: Record<string, string | undefined>;
  mappingText?: string;
  exitCode: number;
  message: RegExp;
}

const BAD_INPUTS: readonly BadInput[] = [
  {
    name: 'missing credentials',
    env: {
      ZEPHYR_API_TOKEN: undefined,
      QTEST_USERNAME: undefined,
      QTEST_PASSWORD: undefined,
      QTEST_PROJECT_ID: undefined,
    },
    exitCode: 2,
    message:
      /^ztoq: ZEPHYR_API_TOKEN is not set; qTest credentials are not set: set QTEST_API_TOKEN, or QTEST_USERNAME and QTEST_PASSWORD; QTEST_PROJECT_ID is not set$/,
  },
  {
    name: 'a malformed ZEPHYR_BASE_URL',
    env: { ZEPHYR_BASE_URL: 'zephyr.example.com/v2' },
    exitCode: 2,
    message: /^ztoq: ZEPHYR_BASE_URL is not a valid URL/,
  },
  {
    name: 'a Zephyr token Zephyr refuses',
    env: { ZEPHYR_API_TOKEN: 'not-the-token' },
    exitCode: 4,
    message: /^ztoq: .*Zephyr.*401/i,
  },
  {
    name: 'a qTest password qTest refuses',
    env: { QTEST_PASSWORD: 'not-the-password' },
    exitCode: 4,
    message: /^ztoq: .*qTest/,
  },
  {
    name: 'a Zephyr project key Zephyr does not know',
    args: () => ['migrate', '--project-key', 'NOPE', '--mapping', MAPPING_FILE],
    exitCode: 2,
    message: /^ztoq: Zephyr project "NOPE" was not found .*--project-key$/,
  },
  {
    name: 'a qTest project id qTest does not know',
    env: { QTEST_PROJECT_ID: '999999' },
    exitCode: 2,
    message: /^ztoq: qTest project 999999 was not found .*QTEST_PROJECT_ID$/,
  },
  {
    name: 'a mapping file with a trailing comma',
    mappingText: '{\n  "executionStatus": {\n    "Retest": "Incomplete",\n  }\n}\n',
    exitCode: 2,
    message: /^ztoq: \S*mapping\.json: not valid JSON \(.* at line 4, column 3\)$/,
  },
  {
    // Node 20 gives no position for an unexpected token; the line must be found all the same.
    name: 'a mapping file with an unquoted value',
    mappingText: '{\n  "executionStatus": {\n    "Retest": Incomplete\n  }\n}\n',
    exitCode: 2,
    message: /^ztoq: \S*mapping\.json: not valid JSON \(.* at line 3, column 15\)$/,
  },
  {
    name: 'a mapping file with a misspelt key',
    mappingText: '{ "executionStatuses": { "Retest": "Incomplete" } }\n',
    exitCode: 2,
    message: /^ztoq: \S*mapping\.json: \$: Unrecognized key: "executionStatuses"$/,
  },
  {
    name: 'a mapping file with a value of the wrong type',
    mappingText: '{ "executionStatus": { "Retest": 3 } }\n',
    exitCode: 2,
    message: /^ztoq: \S*mapping\.json: \$\.executionStatus\.Retest: .*expected string/,
  },
  {
    name: '--batch-size 0',
    args: (migration) => migration.migrateArgs('--batch-size', '0'),
    exitCode: 2,
    message: /batch.size/,
  },
  {
    name: '--limit x',
    args: (migration) => migration.migrateArgs('--limit', 'x'),
    exitCode: 2,
    message: /^error: option '--limit <n>' argument 'x' is invalid\. expected a whole number$/,
  },
  {
    name: '--dry-run with --phase load',
    args: (migration) => migration.migrateArgs('--dry-run', '--phase', 'load'),
    exitCode: 2,
    message: /^ztoq: --dry-run .* cannot be combined with --phase load$/,
  },
];

const NO_RUN = {
  migrationId: null,
  latestRun: null,
  phases: ['extract', 'transform', 'load', 'validate'].map((phase) => ({
    phase,
    status: 'not run',
    runId: null,
    finishedAt: null,
  })),
  failures: {},
};

let migration: SimulatedMigration;
beforeAll(async () => {
  // Bad input is checked on the CLI as it ships: the built bundle, in its own process.
  await ensureBuiltCli();
  migration = await startSimulatedMigration();
}, 180_000);
afterAll(async () => {
  await migration?.close();
});

describe('ztoq migrate refuses bad input before recording anything', () => {
  it.each(BAD_INPUTS)('$name: exit $exitCode with one line', async (bad) => {
    // Each case runs in its own directory with its own mapping file and empty store.
    const cwd = path.join(migration.cwd, bad.name.replace(/\W+/g, '-'));
    await mkdir(cwd);
    await writeFile(
      path.join(cwd, MAPPING_FILE),
      bad.mappingText ?? (await readFile(path.join(migration.cwd, MAPPING_FILE))),
    );
    const storeDir = path.join(cwd, 'store');
    await createEmptyStore(storeDir);
    const before = await storeSnapshot(storeDir);
    const storeEnv = { ...migration.env, ZTOQ_DATABASE_URL: `file:${path.join(cwd, 'store')}` };
    const env: NodeJS.ProcessEnv = { ...storeEnv };
    for (const [name, value] of Object.entries(bad.env ?? {})) {
      if (value === undefined) delete env[name];
      else env[name] = value;
    }
    const createsBefore = migration.createPosts();

    const result = await builtCliProcess(bad.args?.(migration) ?? migration.migrateArgs(), env, cwd);

    expect(result.code, result.stderr).toBe(bad.exitCode);
    expect(messageLines(result), result.stderr).toEqual([expect.stringMatching(bad.message)]);
    expect(migration.createPosts()).toBe(createsBefore);
    // A store the command never opened holds no run; one it opened is asked.
    if (isDeepStrictEqual(await storeSnapshot(storeDir), before)) return;
    const status = await cli(['status', '--project-key', migration.projectKey, '--json'], storeEnv, cwd);
    const report = JSON.parse(status.stdout) as Record<string, unknown>;
    expect(report).toMatchObject(NO_RUN);
    for (const counts of ['extracted', 'transformed'] as const) {
      expect(Object.values(report[counts] as Record<string, number>).every((count) => count === 0)).toBe(
        true,
      );
    }
  });

  it('as a process, ends with exit code 4 and one line when Zephyr refuses the token', async () => {
    const env = { ...migration.env, ZEPHYR_API_TOKEN: 'not-the-token' };
    const result = await cliProcess(migration.migrateArgs(), env, migration.cwd);
    expect(result.code, result.stderr).toBe(4);
    expect(result.stderr).toMatch(/^ztoq: .*Zephyr.*401[^\n]*\n$/i);
    expect(result.stdout).toBe('');
  });

  it('stops at the preflight, naming the unmapped status, when the mapping file is left out', async () => {
    const fresh = await startSimulatedMigration();
    try {
      const args = ['migrate', '--project-key', fresh.projectKey];
      const result = await cliProcess(args, fresh.env, fresh.cwd);
      expect(result.code, result.stderr).toBe(2);
      const errors = result.stderr.split('\n').filter((line) => line.startsWith('ztoq:'));
      expect(errors).toEqual([expect.stringMatching(/^ztoq: preflight found .*executionStatus\["Retest"\]/)]);
      expect(result.stdout).toMatch(/^ {2}transform {2}failed$/m);
      // Nothing reached qTest: no entity, and not the custom fields the run would have needed.
      expect(fresh.createPosts()).toBe(0);
    } finally {
      await fresh.close();
    }
  });
});

/** stderr without commander's hint to try --help, which follows its usage errors. */
function messageLines(result: CliResult): string[] {
  return result.stderr
    .trimEnd()
    .split('\n')
    .filter((line) => line !== '(run with --help for usage)');
}
