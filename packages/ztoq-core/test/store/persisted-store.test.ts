import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { ExitCode, WriterLockHeld } from '../../src/errors.js';
import { LOCK_FILE_NAME, openStateStore } from '../../src/store/index.js';

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

describe('a persisted PGlite store', () => {
  it('keeps its data and schema across close and reopen, as phases run days apart do', async () => {
    const url = `file:${await temporaryDirectory()}`;
    const extract = await openStateStore({ url });
    const run = await extract.startRun({ projectKey: 'PROJ', phase: 'extract', options: {} });
    await extract.putSourceEntities('PROJ', 'testCase', [{ sourceId: '1', payload: { name: 'one' } }], {
      stream: 'testCases',
      cursor: { startAt: 1 },
    });
    await extract.markPending('PROJ', 'testCase', ['1'], run.id);
    await extract.finishRun(run.id, { status: 'succeeded' });
    await extract.close();

    const load = await openStateStore({ url });
    try {
      expect(await load.migrateToLatest()).toEqual([]);
      expect(await load.latestRun('PROJ')).toMatchObject({ id: run.id, status: 'succeeded' });
      expect((await load.getSourceEntity('PROJ', 'testCase', '1'))?.payload).toEqual({ name: 'one' });
      expect((await load.getCheckpoint('PROJ', 'testCases'))?.cursor).toEqual({ startAt: 1 });
      expect((await load.getMapping('PROJ', 'testCase', '1'))?.state).toBe('pending');
    } finally {
      await load.close();
    }
  }, 120_000);

  it('keeps committed data when its process dies without closing the store, and takes over its lock', async () => {
    const directory = await temporaryDirectory();
    const url = `file:${join(directory, 'db')}`;
    const script = join(directory, 'crash.mts');
    const storeModule = resolve(import.meta.dirname, '../../src/store/index.ts');
    await writeFile(
      script,
      [
        `import { openStateStore } from ${JSON.stringify(storeModule)};`,
        `const store = await openStateStore({ url: ${JSON.stringify(url)} });`,
        `await store.putSourceEntities('PROJ', 'testCase', [{ sourceId: '1', payload: 1 }], { stream: 's', cursor: 1 });`,
        // Killed before close: no clean shutdown, and the lock file stays behind.
        `process.kill(process.pid, 'SIGKILL');`,
      ].join('\n'),
    );
    await expect(promisify(execFile)(process.execPath, ['--import', 'tsx', script])).rejects.toMatchObject({
      signal: 'SIGKILL',
    });
    expect(existsSync(join(directory, 'db', LOCK_FILE_NAME))).toBe(true);

    const reopened = await openStateStore({ url });
    try {
      expect(await reopened.countSourceEntities('PROJ')).toBe(1);
      expect((await reopened.getCheckpoint('PROJ', 's'))?.cursor).toBe(1);
    } finally {
      await reopened.close();
    }
  }, 120_000);

  it('refuses a second opener while the first holds the store', async () => {
    const directory = await temporaryDirectory();
    const first = await openStateStore({ url: `file:${directory}` });
    try {
      const second = openStateStore({ url: `file:${directory}` });
      await expect(second).rejects.toBeInstanceOf(WriterLockHeld);
      await expect(second).rejects.toMatchObject({ exitCode: ExitCode.locked });
      await expect(second).rejects.toThrow(`the store at ${directory} is in use by process ${process.pid}`);
      // The refused opener must not have disturbed the holder.
      await first.saveCheckpoint('PROJ', { stream: 's', cursor: 2 });
      expect((await first.getCheckpoint('PROJ', 's'))?.cursor).toBe(2);
    } finally {
      await first.close();
    }
    expect(existsSync(join(directory, LOCK_FILE_NAME))).toBe(false);
  }, 120_000);

  it('lets a second opener wait for the first to close, and stop waiting when told', async () => {
    const directory = await temporaryDirectory();
    const first = await openStateStore({ url: `file:${directory}` });
    const holders: number[] = [];
    const stopped = new AbortController();
    const gaveUp = openStateStore({
      url: `file:${directory}`,
      waitForLock: { signal: stopped.signal, onWait: (pid) => holders.push(pid) },
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    stopped.abort();
    await expect(gaveUp).rejects.toThrow(`stopped waiting for the store at ${directory}`);
    expect(holders).toEqual([process.pid]);

    const waiting = openStateStore({ url: `file:${directory}`, waitForLock: {} });
    let opened = false;
    void waiting.then(() => (opened = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(opened).toBe(false);
    await first.close();
    const second = await waiting;
    try {
      await second.saveCheckpoint('PROJ', { stream: 's', cursor: 3 });
      expect((await second.getCheckpoint('PROJ', 's'))?.cursor).toBe(3);
    } finally {
      await second.close();
    }
  }, 120_000);
});
