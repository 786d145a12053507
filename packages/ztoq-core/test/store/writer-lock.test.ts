import { afterEach, describe, expect, it } from 'vitest';
import { ExitCode, WriterLockHeld } from '../../src/errors.js';
import type { WriterLockHolder } from '../../src/ports/writer-lock.js';
import { openStateStore } from '../../src/store/index.js';
import { lockKeyHalves, writerLockKey } from '../../src/store/writer-locks/lock-key.js';
import {
  type OpenedTestStore,
  POSTGRES_TEST_URL,
  pgliteTarget,
  postgresTarget,
  uniqueSchemaName,
  withPostgresClient,
} from './store-targets.js';

const opened: OpenedTestStore[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.dispose()));
});

const holder = (pid: number): WriterLockHolder => ({
  host: 'runner-1',
  pid,
  startedAt: '2026-12-04T02:00:00.000Z',
});

describe.each([pgliteTarget, postgresTarget])('the writer lock on $name', (target) => {
  async function open() {
    const store = await target.open();
    opened.push(store);
    return store.store;
  }

  it('admits one holder per project, names it to the refused one, and frees the project on release', async () => {
    const store = await open();
    const lock = await store.acquireWriterLock('PROJ', holder(101));
    await lock.identify('migration-a');

    const refused = store.acquireWriterLock('PROJ', holder(202));
    await expect(refused).rejects.toBeInstanceOf(WriterLockHeld);
    await expect(refused).rejects.toMatchObject({ exitCode: ExitCode.locked });
    await expect(refused).rejects.toThrow(
      'project PROJ is being migrated by process 101 on runner-1 (migration migration-a, started 2026-12-04T02:00:00.000Z)',
    );
    expect(await store.writerLockHolder('PROJ')).toEqual({ ...holder(101), migrationId: 'migration-a' });

    // Another project is another lock.
    const other = await store.acquireWriterLock('OTHER', holder(303));
    await other.release();

    await lock.release();
    await lock.release();
    expect(await store.writerLockHolder('PROJ')).toBeUndefined();
    const next = await store.acquireWriterLock('PROJ', holder(202));
    expect(next.lost.aborted).toBe(false);
    await next.release();
  });

  it('lets a waiting run take the lock once the holder releases it, and stop waiting on its signal', async () => {
    const store = await open();
    const lock = await store.acquireWriterLock('PROJ', holder(101));

    const stop = new AbortController();
    const gaveUp = store.acquireWriterLock('PROJ', holder(202), { wait: true, signal: stop.signal });
    setTimeout(() => stop.abort(), 200);
    await expect(gaveUp).rejects.toThrow('stopped waiting for the writer lock of project PROJ');

    const waitedFor: (WriterLockHolder | undefined)[] = [];
    const waiting = store.acquireWriterLock('PROJ', holder(202), {
      wait: true,
      onWait: (current) => waitedFor.push(current),
    });
    let taken = false;
    void waiting.then(() => (taken = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(taken).toBe(false);
    expect(waitedFor).toEqual([holder(101)]);
    await lock.release();
    const next = await waiting;
    expect(await store.writerLockHolder('PROJ')).toEqual(holder(202));
    await next.release();
  });
});

describe('the writer lock on PostgreSQL across processes', () => {
  it('is one lock for every store object on the same schema, and none between schemas', async () => {
    const schema = uniqueSchemaName();
    const first = await openStateStore({ url: POSTGRES_TEST_URL, schema });
    const second = await openStateStore({ url: POSTGRES_TEST_URL, schema });
    const elsewhere = await openStateStore({ url: POSTGRES_TEST_URL, schema: uniqueSchemaName() });
    try {
      const lock = await first.acquireWriterLock('PROJ', holder(101));
      await expect(second.acquireWriterLock('PROJ', holder(202))).rejects.toBeInstanceOf(WriterLockHeld);
      const unrelated = await elsewhere.acquireWriterLock('PROJ', holder(303));
      await unrelated.release();
      await lock.release();
      await (await second.acquireWriterLock('PROJ', holder(202))).release();
    } finally {
      await Promise.all([first.close(), second.close(), elsewhere.close()]);
      await withPostgresClient(async (client) => {
        await client.query(`drop schema if exists "${schema}" cascade`);
      });
    }
  });

  it('is freed when its session dies, and tells its holder through `lost`', async () => {
    const { store, schema } = await open();
    const lock = await store.acquireWriterLock('PROJ', holder(101));
    // What a killed process or a restarted server does to the lock's session: only this
    // test's, found by its key, since other suites hold locks on the same server.
    const { classid, objid } = lockKeyHalves(writerLockKey(schema, 'PROJ'));
    const terminated = await withPostgresClient((client) =>
      client.query(
        `select pg_terminate_backend(pid) from pg_locks
          where locktype = 'advisory' and granted and objsubid = 1 and classid = $1::oid and objid = $2::oid`,
        [classid, objid],
      ),
    );
    expect(terminated.rowCount).toBe(1);
    await new Promise<void>((resolve) => {
      if (lock.lost.aborted) resolve();
      lock.lost.addEventListener('abort', () => resolve(), { once: true });
    });
    expect(String(lock.lost.reason)).toContain('lost the writer lock of project PROJ');
    // The project is free for the next run straight away.
    const next = await store.acquireWriterLock('PROJ', holder(202));
    await next.release();
    await lock.release();
  });

  async function open() {
    const store = await postgresTarget.open();
    opened.push(store);
    return store;
  }
});
