import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtCliProcess, ensureBuiltCli } from './support/built-cli.js';
import { storeSnapshot } from './support/store-snapshot.js';
import { createEmptyStore } from './support/store-template.js';

let cwd: string;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  await ensureBuiltCli();
  cwd = await mkdtemp(path.join(tmpdir(), 'ztoq-cli-projects-'));
  await createEmptyStore(path.join(cwd, 'store'));
  // The queue needs the store only: no API settings at all.
  env = { PATH: process.env.PATH, ZTOQ_DATABASE_URL: `file:${path.join(cwd, 'store')}` };
  await writeFile(path.join(cwd, 'projects.txt'), '# the queue\nALPHA\nBETA = 2002\nGAMMA  # last\n');
});
afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

const projects = (...args: string[]) =>
  builtCliProcess(['projects', ...args, '--file', 'projects.txt'], env, cwd);

describe('ztoq projects (built CLI)', () => {
  it('keeps the queue in the store: next moves on as projects are marked, and pending puts one back', async () => {
    expect(await projects('next')).toEqual({ code: 0, stdout: 'ALPHA\n', stderr: '' });
    expect(await projects('mark', 'ALPHA', 'done')).toMatchObject({
      code: 0,
      stdout: 'ALPHA: marked done\n',
    });
    expect((await projects('next')).stdout).toBe('BETA\n');
    await projects('mark', 'BETA', 'failed');
    const list = await projects('list', '--json');
    expect(JSON.parse(list.stdout)).toMatchObject({
      next: 'GAMMA',
      projects: [
        { projectKey: 'ALPHA', state: 'done', stateFrom: 'mark', line: 2 },
        { projectKey: 'BETA', state: 'failed', qtestProjectId: 2002 },
        { projectKey: 'GAMMA', state: 'pending', stateFrom: 'runs', latestRun: null },
      ],
    });
    await projects('mark', 'BETA', 'pending');
    const text = await projects('list');
    expect(text.stdout).toMatch(/^BETA {5}pending {6}2002 {6}- \(marked\)$/m);
    expect(text.stdout).toMatch(/^1 done, 0 failed, 0 in progress, 2 pending; next: BETA$/m);
  }, 180_000);

  it.each([
    {
      name: 'a malformed projects file',
      file: 'ALPHA\nnot a key\n',
      args: ['list'],
      exitCode: 2,
      message: /^ztoq: \S*projects\.txt:2: expected "KEY" or "KEY = <qTest project id>", got "not a key"$/,
    },
    {
      name: 'a project listed twice',
      file: 'ALPHA\nALPHA = 7\n',
      args: ['next'],
      exitCode: 2,
      message: /^ztoq: \S*projects\.txt:2: project ALPHA is listed twice \(first on line 1\)$/,
    },
    {
      name: 'marking a project not in the file',
      file: 'ALPHA\n',
      args: ['mark', 'OMEGA', 'done'],
      exitCode: 2,
      message: /^ztoq: OMEGA is not listed in \S*projects\.txt: add it to the file first$/,
    },
    {
      name: 'an unknown state',
      file: 'ALPHA\n',
      args: ['mark', 'ALPHA', 'finished'],
      exitCode: 2,
      message:
        /^error: command-argument value 'finished' is invalid for argument 'state'\. Allowed choices are done, failed, pending\.$/,
    },
  ])('$name: exit $exitCode, one line, store untouched', async (bad) => {
    const dir = await mkdtemp(path.join(cwd, 'bad-'));
    await createEmptyStore(path.join(dir, 'store'));
    await writeFile(path.join(dir, 'projects.txt'), bad.file);
    const before = await storeSnapshot(path.join(dir, 'store'));
    const result = await builtCliProcess(
      ['projects', ...bad.args, '--file', 'projects.txt'],
      { PATH: process.env.PATH, ZTOQ_DATABASE_URL: `file:${path.join(dir, 'store')}` },
      dir,
    );
    expect(result.code, result.stderr).toBe(bad.exitCode);
    const lines = result.stderr
      .trimEnd()
      .split('\n')
      .filter((line) => line !== '(run with --help for usage)');
    expect(lines).toEqual([expect.stringMatching(bad.message)]);
    expect(result.stdout).toBe('');
    expect(await storeSnapshot(path.join(dir, 'store'))).toEqual(before);
  });

  it('an unreachable database: exit 1 with one line', async () => {
    const result = await builtCliProcess(
      ['projects', 'list', '--file', 'projects.txt'],
      { PATH: process.env.PATH, ZTOQ_DATABASE_URL: 'postgres://postgres@127.0.0.1:1/x' },
      cwd,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^ztoq: cannot reach PostgreSQL at 127\.0\.0\.1:1: connection refused\n$/);
  });
});
