import { afterEach, describe, expect, it } from 'vitest';
import { cliProcess } from './cli-harness.js';
import { startCliChild, whenChildReaches } from './support/cli-child.js';
import { type SimulatedMigration, startSimulatedMigration } from './support/simulated-migration.js';
import { readStatus } from './support/status-report.js';

let migration: SimulatedMigration | undefined;
afterEach(async () => {
  await migration?.close();
  migration = undefined;
});

describe('ztoq migrate interrupted with Ctrl-C during load', () => {
  it('stops by itself with exit code 1 and one line saying how to resume; the re-run completes exactly', async () => {
    migration = await startSimulatedMigration({ faults: { latencyMs: 15 } });
    const { env, cwd } = migration;
    const args = migration.migrateArgs('--batch-size', '5', '--max-workers', '4');
    const child = startCliChild(args, env, cwd);
    const current = migration;
    await whenChildReaches(
      child,
      () => current.postsTo('/api/v3/projects/{projectId}/test-cases') >= 4,
      'test case creates',
    );
    const interruptedAt = Date.now();
    child.process.kill('SIGINT');
    const interrupted = await child.exited;
    // It ends on its own, soon: the requests in flight finish, nothing new starts.
    expect(Date.now() - interruptedAt).toBeLessThan(10_000);
    expect({ code: interrupted.code, signal: interrupted.signal }, interrupted.stderr).toEqual({
      code: 1,
      signal: null,
    });
    expect(interrupted.stderr.split('\n').filter((line) => /interrupted/.test(line))).toEqual([
      'ztoq: interrupted; run the same command again to resume',
    ]);
    expect(interrupted.stdout).toMatch(/^ {2}load {7}interrupted$/m);
    expect(migration.differences()).not.toEqual([]);

    // Every create qTest received was waited for and recorded as done; none is left in doubt.
    const { report } = await readStatus(migration.projectKey, env, cwd);
    expect(report.latestRun?.status).toBe('interrupted');
    expect(report.loaded['test-case']?.done).toBe(
      migration.postsTo('/api/v3/projects/{projectId}/test-cases'),
    );

    const resumed = await cliProcess(args, env, cwd);
    expect(resumed.code, resumed.stderr).toBe(3);
    expect(migration.differences()).toEqual([]);
  }, 300_000);
});
