import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgram } from '../src/program.js';
import { builtCliProcess, ensureBuiltCli } from './support/built-cli.js';
import { type SimulatedMigration, startSimulatedMigration } from './support/simulated-migration.js';
import { storeSnapshot } from './support/store-snapshot.js';
import { createEmptyStore } from './support/store-template.js';

let migration: SimulatedMigration;
beforeAll(async () => {
  await ensureBuiltCli();
  migration = await startSimulatedMigration();
});
afterAll(async () => {
  await migration?.close();
});

function everyCommand(command: Command): Command[] {
  return [command, ...command.commands.flatMap(everyCommand)];
}

describe('options shared by the commands', () => {
  it('accepts no password, token or secret as a flag, on any command', () => {
    const io = { stdout: () => undefined, stderr: () => undefined, env: {}, cwd: '/' };
    const flags = everyCommand(createProgram(io)).flatMap((command) =>
      command.options.map((option) => option.long ?? ''),
    );
    expect(flags.length).toBeGreaterThan(20);
    expect(flags.filter((flag) => /token|password|secret|database-url|api-key/i.test(flag))).toEqual([]);
  });

  it.each([
    {
      name: 'migrate --quiet --verbose',
      args: ['migrate', '--quiet', '--verbose'],
      message: /^error: option '--quiet' cannot be used with option '--verbose'$/,
    },
    {
      name: 'plan --verbose --quiet',
      args: ['plan', '--verbose', '--quiet'],
      message: /^error: option '--quiet' cannot be used with option '--verbose'$/,
    },
    {
      name: 'a --config file that is missing',
      args: ['plan', '--config', 'nope.json'],
      message: /^ztoq: config file \S*nope\.json cannot be read \(ENOENT\); check --config$/,
    },
    {
      name: 'a --progress-interval of 0',
      args: ['migrate', '--progress-interval', '0'],
      message:
        /^error: option '--progress-interval <seconds>' argument '0' is invalid\. expected a positive number/,
    },
  ])('$name: exit 2 with one line, store untouched', async (bad) => {
    const cwd = path.join(migration.cwd, bad.name.replace(/\W+/g, '-'));
    await createEmptyStore(path.join(cwd, 'store'));
    const before = await storeSnapshot(path.join(cwd, 'store'));
    const result = await builtCliProcess(
      [...bad.args, '--project-key', migration.projectKey],
      { ...migration.env, ZTOQ_DATABASE_URL: `file:${path.join(cwd, 'store')}` },
      cwd,
    );
    expect(result.code, result.stderr).toBe(2);
    const lines = result.stderr
      .trimEnd()
      .split('\n')
      .filter((line) => line !== '(run with --help for usage)');
    expect(lines).toEqual([expect.stringMatching(bad.message)]);
    expect(await storeSnapshot(path.join(cwd, 'store'))).toEqual(before);
    expect(migration.createPosts()).toBe(0);
  });

  it('reads ztoq.config.json after flags and the environment, and refuses a malformed one by line or key', async () => {
    const cwd = path.join(migration.cwd, 'config-file');
    await createEmptyStore(path.join(cwd, 'store'));
    const { ZEPHYR_API_TOKEN, QTEST_PASSWORD, ...withoutSecrets } = migration.env;
    // The credentials live in the file only; the environment's project id wins over the file's.
    await writeFile(
      path.join(cwd, 'ztoq.config.json'),
      JSON.stringify({ ZEPHYR_API_TOKEN, QTEST_PASSWORD, QTEST_PROJECT_ID: 424242 }),
    );
    const env = { ...withoutSecrets, ZTOQ_DATABASE_URL: `file:${path.join(cwd, 'store')}` };
    const good = await builtCliProcess(['doctor', '--json'], env, cwd);
    const checks = (JSON.parse(good.stdout) as { checks: { id: string; status: string }[] }).checks;
    expect(checks.filter((check) => check.status === 'failed')).toEqual([]);

    const before = await storeSnapshot(path.join(cwd, 'store'));
    await writeFile(path.join(cwd, 'bad.json'), '{\n  "QTEST_PASSWORD": "x",\n  "ZEPHYR_TOKEN": "y"\n}\n');
    const unknownKey = await builtCliProcess(['plan', '--config', 'bad.json'], env, cwd);
    expect(unknownKey.code).toBe(2);
    expect(unknownKey.stderr).toMatch(/^ztoq: \S*bad\.json: \$: Unrecognized key: "ZEPHYR_TOKEN"\n$/);
    await writeFile(path.join(cwd, 'bad.json'), '{\n  "QTEST_PASSWORD": "x",\n}\n');
    const syntax = await builtCliProcess(['migrate', '--config', 'bad.json'], env, cwd);
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toMatch(/^ztoq: \S*bad\.json: not valid JSON \(.* at line 3, column 1\)\n$/);
    expect(await storeSnapshot(path.join(cwd, 'store'))).toEqual(before);
  });

  it('has --help with an example on every command', async () => {
    const io = { stdout: () => undefined, stderr: () => undefined, env: {}, cwd: '/' };
    const leaves = everyCommand(createProgram(io)).filter((command) => command.commands.length === 0);
    for (const command of leaves) {
      let help = '';
      command.configureOutput({ writeOut: (text) => (help += text) });
      command.outputHelp();
      expect(help, command.name()).toMatch(/\nExamples?[^\n]*:\n {2}.*\bztoq\b/);
    }
  });
});
