import { afterEach, describe, expect, it } from 'vitest';
import { cliProcess } from './cli-harness.js';
import { startCliChild, whenChildReaches } from './support/cli-child.js';
import { createTestDatabase, type TestDatabase } from './support/postgres-database.js';
import { type SimulatedMigration, startSimulatedMigration } from './support/simulated-migration.js';

let migration: SimulatedMigration | undefined;
let database: TestDatabase | undefined;
afterEach(async () => {
  await migration?.close();
  await database?.drop();
  migration = undefined;
  database = undefined;
});

const TEST_CASES = '/api/v3/projects/{projectId}/test-cases';
const REFUSED =
  /^ztoq: project \S+ is being migrated by process (\d+) on \S+ \((migration \S+, )?started \S+\); this run wrote nothing/m;

/** One simulated qTest, one PostgreSQL store shared by every process of the test. */
async function sharedPostgresMigration(): Promise<{ migration: SimulatedMigration; env: NodeJS.ProcessEnv }> {
  migration = await startSimulatedMigration({ faults: { latencyMs: 15 } });
  database = await createTestDatabase();
  return { migration, env: { ...migration.env, ZTOQ_DATABASE_URL: database.url } };
}

describe('two ztoq migrate runs of one project on one store', () => {
  it('started together: exactly one writes, the other exits 5 naming it, and qTest holds no duplicate', async () => {
    const { migration, env } = await sharedPostgresMigration();
    const args = migration.migrateArgs('--max-workers', '4');
    // The schema is in place, as on any store used before: otherwise whichever process applies
    // it says so on stderr, and that may be the refused one.
    expect((await cliProcess(['db', 'migrate'], env, migration.cwd)).code).toBe(0);
    const [first, second] = await Promise.all([
      cliProcess(args, env, migration.cwd),
      cliProcess(args, env, migration.cwd),
    ]);
    const outcomes = [first, second].sort((a, b) => a.code - b.code);
    // Older test case versions are never carried: a complete run of this data set is partial.
    expect(outcomes.map((outcome) => outcome.code)).toEqual([3, 5]);
    expect(outcomes[1]?.stderr).toMatch(REFUSED);
    expect(outcomes[1]?.stderr.trim().split('\n')).toHaveLength(1);
    expect(migration.differences()).toEqual([]);
    await expectRerunCreatesNothing(migration, args, env);
  }, 300_000);

  it('with the holder frozen then SIGKILLed in load: a --wait run waits, then takes over; the end state is exact', async () => {
    const { migration, env } = await sharedPostgresMigration();
    const args = migration.migrateArgs('--batch-size', '5', '--max-workers', '4');
    const holder = startCliChild(args, env, migration.cwd);
    await whenChildReaches(holder, () => migration.postsTo(TEST_CASES) >= 3, '3 test case creates');
    // Frozen in the middle of load, the holder keeps its lock session open for as long as the
    // others need to start, however fast this machine is.
    holder.process.kill('SIGSTOP');
    const createsWhenFrozen = migration.createPosts();

    const waiter = startCliChild([...args, '--wait', '--json'], env, migration.cwd);
    await whenChildReaches(
      waiter,
      () => /waiting for the writer lock/.test(waiter.stderr),
      'the waiter to wait',
    );
    // While it waits it writes nothing: the holder's creates are all there are.
    const refused = await cliProcess(args, env, migration.cwd);
    expect(refused.code, refused.stderr).toBe(5);
    expect(REFUSED.exec(refused.stderr)?.[1]).toBe(String(holder.process.pid));
    // Read-only commands never take the lock: status answers while the holder owns it.
    const status = await cliProcess(
      ['status', '--project-key', migration.projectKey, '--json'],
      env,
      migration.cwd,
    );
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ projectKey: migration.projectKey });

    expect(migration.createPosts()).toBe(createsWhenFrozen);
    holder.process.kill('SIGKILL');
    expect((await holder.exited).signal).toBe('SIGKILL');
    const finished = await waiter.exited;
    expect(finished.code, finished.stderr).toBe(3);
    expect(migration.differences()).toEqual([]);
    await expectRerunCreatesNothing(migration, args, env);
  }, 300_000);

  it('a run whose lock session is lost stops with one line and exit 1; the next run finishes it exactly', async () => {
    const { migration, env } = await sharedPostgresMigration();
    const args = migration.migrateArgs('--batch-size', '5', '--max-workers', '4');
    const run = startCliChild(args, env, migration.cwd);
    await whenChildReaches(run, () => migration.postsTo(TEST_CASES) >= 3, '3 test case creates');
    // What a PostgreSQL restart or a network cut does to the lock's session, and only to it.
    const terminated = await currentDatabase().query(
      `select pg_terminate_backend(pid) from pg_stat_activity
        where application_name = 'ztoq writer lock' and datname = $1`,
      [currentDatabase().name],
    );
    expect(terminated.rowCount).toBe(1);
    const stopped = await run.exited;
    expect(stopped.code, stopped.stderr).toBe(1);
    expect(stopped.stderr).toMatch(/^ztoq: lost the writer lock of project \S+ \(/m);

    const resumed = await cliProcess(args, env, migration.cwd);
    expect(resumed.code, resumed.stderr).toBe(3);
    expect(migration.differences()).toEqual([]);
  }, 300_000);
});

/** A re-run on the same store finds everything done and creates nothing in qTest. */
async function expectRerunCreatesNothing(
  migration: SimulatedMigration,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const createsBefore = migration.createPosts();
  const again = await cliProcess(args, env, migration.cwd);
  // Older test case versions are never carried: a complete run of this data set is partial.
  expect(again.code, again.stderr).toBe(3);
  expect(migration.createPosts()).toBe(createsBefore);
}

function currentDatabase(): TestDatabase {
  if (!database) throw new Error('no test database');
  return database;
}
