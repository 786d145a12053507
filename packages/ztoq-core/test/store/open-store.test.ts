import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, StoreError } from '../../src/errors.js';
import { openStateStore } from '../../src/store/index.js';
import { POSTGRES_TEST_URL, storeTargets, uniqueSchemaName, withPostgresClient } from './store-targets.js';

const temporaryDirectories: string[] = [];
async function temporaryDirectory(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'ztoq-store-'));
  temporaryDirectories.push(directory);
  return directory;
}
afterEach(async () => {
  await Promise.all(
    temporaryDirectories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })),
  );
});

describe.each(storeTargets)('schema migrations on $name', (target) => {
  it('reports pending migrations, applies them once, and is idempotent', async () => {
    const opened = await target.open({ migrate: false });
    try {
      const { store } = opened;
      expect(await store.migrationStatus()).toEqual({
        applied: [],
        pending: [
          '0001_initial',
          '0002_id_map_target_data',
          '0003_writer_lock',
          '0004_source_changes',
          '0005_written_plan',
          '0006_verified_content',
        ],
      });
      expect(await store.migrateToLatest()).toEqual([
        '0001_initial',
        '0002_id_map_target_data',
        '0003_writer_lock',
        '0004_source_changes',
        '0005_written_plan',
        '0006_verified_content',
      ]);
      expect(await store.migrateToLatest()).toEqual([]);
      const status = await store.migrationStatus();
      expect(status.pending).toEqual([]);
      expect(status.applied.map((migration) => migration.name)).toEqual([
        '0001_initial',
        '0002_id_map_target_data',
        '0003_writer_lock',
        '0004_source_changes',
        '0005_written_plan',
        '0006_verified_content',
      ]);
      expect(status.applied[0]?.appliedAt).toBeInstanceOf(Date);
      // The schema is usable once migrated.
      await store.saveCheckpoint('PROJ', { stream: 'testCases', cursor: 1 });
    } finally {
      await opened.dispose();
    }
  });
});

describe('schema migrations on PostgreSQL', () => {
  it('refuses a schema written by a newer ztoq and leaves it untouched', async () => {
    const schema = uniqueSchemaName();
    const store = await openStateStore({ url: POSTGRES_TEST_URL, schema });
    try {
      await store.saveCheckpoint('PROJ', { stream: 'testCases', cursor: 7 });
      await store.close();
      await withPostgresClient((client) =>
        client.query(
          `insert into "${schema}".kysely_migration (name, timestamp) values ('9999_future', now()::text)`,
        ),
      );

      await expect(openStateStore({ url: POSTGRES_TEST_URL, schema })).rejects.toThrow(
        new StoreError(
          "the store's schema was written by a newer ztoq (it has migration 9999_future, unknown to this version); upgrade ztoq",
        ),
      );
      const cursor = await withPostgresClient(async (client) => {
        const result = await client.query(`select cursor from "${schema}".stream_checkpoint`);
        return result.rows[0]?.cursor;
      });
      expect(cursor).toBe(7);
    } finally {
      await withPostgresClient((client) => client.query(`drop schema if exists "${schema}" cascade`));
    }
  });
});

describe('opening a store', () => {
  it('defaults to PGlite in .ztoq/db under the working directory, creating it', async () => {
    const cwd = await temporaryDirectory();
    const store = await openStateStore({ cwd });
    try {
      expect(store.location).toBe(`PGlite at ${join(cwd, '.ztoq', 'db')}`);
      expect(existsSync(join(cwd, '.ztoq', 'db', 'PG_VERSION'))).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('resolves a relative file: path against the working directory', async () => {
    const cwd = await temporaryDirectory();
    await mkdir(join(cwd, 'state'));
    const store = await openStateStore({ url: 'file:state/db', cwd });
    expect(store.location).toBe(`PGlite at ${join(cwd, 'state', 'db')}`);
    await store.close();
  });

  it.each([5999, 1])(
    'gives one line, without the password, when PostgreSQL on port %i is unreachable',
    async (port) => {
      const url = `postgres://postgres:pw-${port}-s3cret@127.0.0.1:${port}/test`;
      const error = await openStateStore({ url }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StoreError);
      expect((error as StoreError).message).toBe(
        `cannot reach PostgreSQL at 127.0.0.1:${port}: connection refused`,
      );
    },
  );

  it('names a missing database in one line', async () => {
    const error = await openStateStore({
      url: 'postgres://postgres:another-s3cret@127.0.0.1:5432/ztoq_no_such_database',
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).message).toBe(
      'cannot connect to PostgreSQL at 127.0.0.1:5432/ztoq_no_such_database: database "ztoq_no_such_database" does not exist',
    );
  });

  it('rejects a malformed URL or schema name as configuration', async () => {
    const error = await openStateStore({
      url: 'postgres://postgres:p4ss-word@127.0.0.1:notaport/test',
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect(String(error)).not.toContain('p4ss-word');
    await expect(openStateStore({ url: 'memory:', schema: 'Robert"); drop' })).rejects.toBeInstanceOf(
      ConfigError,
    );
  });

  it('keeps a memory: store nowhere on disk, and refuses calls once it is closed', async () => {
    const cwd = await temporaryDirectory();
    const store = await openStateStore({ url: 'memory:', cwd });
    expect(store.location).toBe('PGlite in memory');
    await store.close();
    await store.close();
    expect(existsSync(join(cwd, '.ztoq'))).toBe(false);
    await expect(store.countSourceEntities('PROJ')).rejects.toThrow(
      new StoreError('cannot count source entities: the state store at PGlite in memory is closed'),
    );
  });
});
