import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ExitCode } from '@ztoq/core';
import {
  DEFAULT_PROJECT_ID,
  type RunningSimulators,
  simulatorEnvironment,
  startSimulators,
} from '@ztoq/simulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeResult, migrateProject, parseCommandLine } from '../migrate-project.js';

const script = fileURLToPath(new URL('../migrate-project.ts', import.meta.url));
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** The script as a user runs it: its own process, its output and its exit code. */
function runScript(args: string[], env: NodeJS.ProcessEnv, cwd: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=ztoq-source', '--import', tsxLoader, script, ...args],
      {
        cwd,
        env: { PATH: process.env.PATH, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let simulators: RunningSimulators;
let cwd: string;
let env: NodeJS.ProcessEnv;
const mappingFile = 'mapping.json';

beforeAll(async () => {
  simulators = await startSimulators({ size: 'tiny', seed: 5 });
  cwd = await mkdtemp(path.join(tmpdir(), 'ztoq-sdk-script-'));
  // What the simulated qTest site needs from a user: its word for Retest, and who the Jira people are.
  await writeFile(
    path.join(cwd, mappingFile),
    JSON.stringify({
      executionStatus: { Retest: 'Incomplete' },
      users: Object.fromEntries(simulators.dataset.users.map((user) => [user.accountId, user.email])),
    }),
  );
  env = {
    ...simulatorEnvironment(simulators.connection),
    // On disk, so the second run (in this process) sees what the script's process stored.
    ZTOQ_DATABASE_URL: `file:${path.join(cwd, 'store')}`,
  };
});

afterAll(async () => {
  await simulators.close();
  await rm(cwd, { recursive: true, force: true });
});

describe('the SDK script', () => {
  it('migrates the project, prints what moved and exits with the migration’s code; a second run creates nothing', async () => {
    const key = simulators.dataset.project.key;
    const first = await runScript(['--project-key', key, '--mapping', mappingFile], env, cwd);
    const lines = first.stdout.trim().split('\n');
    const testCases = simulators.dataset.testCases.count;
    expect(lines).toContain(
      `test-case: ${testCases} created, 0 adopted, 0 updated, 0 unchanged, 0 failed, 0 skipped`,
    );
    // The tiny data set has older test case versions, which qTest cannot hold: partial, exit 3.
    expect(lines.at(-1)).toMatch(new RegExp(`^${key} partial \\(migration [0-9a-f-]+, exit code 3\\)$`));
    expect(first.code).toBe(ExitCode.partial);
    expect(simulators.qtest.store.project(DEFAULT_PROJECT_ID)?.testCases.size).toBe(testCases);

    const again = await migrateProject({ env, mappingFile: path.join(cwd, mappingFile) });
    expect(again.projectKey).toBe(key);
    const created = Object.values(again.load).reduce((sum, counts) => sum + counts.created, 0);
    expect(created).toBe(0);
    expect(again.load['test-case']?.unchanged).toBe(testCases);
    expect(describeResult(again).at(-1)).toContain(`${key} ${again.status} (migration ${again.migrationId}`);
    expect(simulators.qtest.store.project(DEFAULT_PROJECT_ID)?.testCases.size).toBe(testCases);
  }, 120_000);

  it('ends with exit code 4 and one line when Zephyr refuses the token, without printing it', async () => {
    const refused = await runScript([], { ...env, ZEPHYR_API_TOKEN: 'wrong-token-1234' }, cwd);
    expect(refused.code).toBe(ExitCode.authRefused);
    expect(refused.stdout).toBe('');
    const errorLines = refused.stderr.trim().split('\n');
    expect(errorLines.at(-1)).toMatch(/^migrate-project: /);
    expect(refused.stderr).not.toContain('wrong-token-1234');
  }, 60_000);

  it('refuses a bad command line as a configuration error', () => {
    expect(() => parseCommandLine(['--phase', 'everything'])).toThrow(
      '--phase must be one of all, extract, transform, load, validate, not "everything"',
    );
    expect(() => parseCommandLine(['--project'])).toThrow(
      expect.objectContaining({ exitCode: ExitCode.usage }),
    );
    expect(parseCommandLine(['--project-key', 'WEB', '--phase', 'load'])).toEqual({
      projectKey: 'WEB',
      phase: 'load',
    });
  });
});
