import { afterEach, describe, expect, it } from 'vitest';
import { openStateStore } from '../../src/store/index.js';
import { uniqueSchemaName } from '../store/store-targets.js';
import { differencesAfterMigration, rigPerTest } from './support/migration-rig.js';
import { type PrivatePostgres, startPrivatePostgres } from './support/private-postgres.js';

const rigs = rigPerTest();
let server: PrivatePostgres | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

describe('PostgreSQL restarted in the middle of load', () => {
  it('fails with one line or carries on, and the rerun finishes with nothing lost or duplicated', async () => {
    const postgres = await startPrivatePostgres();
    server = postgres;
    const schema = uniqueSchemaName();
    const rig = await rigs.start({
      size: 'tiny',
      seed: 4,
      store: {
        name: 'private PostgreSQL',
        url: postgres.url,
        async open() {
          const store = await openStateStore({ url: postgres.url, schema });
          return { store, schema, dispose: () => store.close() };
        },
      },
    });
    const migration = rig.migration();
    let restarted: Promise<void> | undefined;
    let createsAtRestart = 0;
    migration.on('progress', (event) => {
      // Once qTest has received the first creates, the server goes away under the running load.
      if (event.phase === 'load' && restarted === undefined) {
        createsAtRestart = rig.qtestCreates();
        restarted = postgres.restart();
      }
    });
    // Failing is allowed — as a failed result or a thrown store error — with one line saying what happened.
    const first = await migration.run({ phase: 'all' }).then(
      (result) => ({ failed: result.status === 'failed', line: result.error ?? '' }),
      (error: unknown) => ({ failed: true, line: error instanceof Error ? error.message : String(error) }),
    );
    expect(restarted).toBeDefined();
    expect(createsAtRestart).toBeGreaterThan(0);
    await restarted;
    if (first.failed) {
      expect(first.line).toMatch(/PostgreSQL/);
      expect(first.line).not.toContain('\n');
    }
    const createsAfterFirst = rig.qtestCreates();

    // The same store object, as an SDK user would keep it: its pool must not hand out dead connections.
    const rerun = await rig.migrate();
    expect(rerun.error ?? 'no error').toBe('no error');
    for (const counts of Object.values(rerun.load)) expect(counts.failed + counts.skipped).toBe(0);
    expect(differencesAfterMigration(rig)).toEqual([]);
    if (!first.failed) expect(rig.qtestCreates()).toBe(createsAfterFirst);

    const createsBefore = rig.qtestCreates();
    const third = await rig.migrate();
    expect(rig.qtestCreates()).toBe(createsBefore);
    for (const counts of Object.values(third.load)) expect(counts.created + counts.adopted).toBe(0);
    expect(differencesAfterMigration(rig)).toEqual([]);
  }, 120_000);
});
