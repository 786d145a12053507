import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/errors.js';
import type { SourceEntity, StateStore } from '../../src/ports/state-store.js';
import { secrets } from '../../src/secrets.js';
import { contentHash, type KyselyStateStore, MAX_BIND_PARAMETERS } from '../../src/store/index.js';
import { type OpenedTestStore, storeTargets } from './store-targets.js';

/** Zero-padded so that byte order and numeric order agree, which keeps expectations readable. */
function sourceIds(count: number, prefix = ''): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix}${String(index + 1).padStart(6, '0')}`);
}

async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[][]> {
  const collected: T[][] = [];
  for await (const page of pages) collected.push(page);
  return collected;
}

describe.each(storeTargets)('state store on $name', (target) => {
  let opened: OpenedTestStore;
  let store: KyselyStateStore;
  let projectCounter = 0;
  /** Each test works in its own project, which the store keys everything by. */
  const newProject = () => {
    projectCounter += 1;
    return `PROJ${projectCounter}`;
  };

  beforeAll(async () => {
    opened = await target.open();
    store = opened.store;
  });
  afterAll(async () => {
    await opened?.dispose();
  });

  describe('runs', () => {
    it('starts a run that is its own migration unless told otherwise', async () => {
      const projectKey = newProject();
      const run = await store.startRun({
        projectKey,
        phase: 'extract',
        targetProjectId: '123456789012345678',
        options: { pageSize: 100, include: ['testCases'] },
      });
      expect(run).toMatchObject({
        migrationId: run.id,
        projectKey,
        targetProjectId: '123456789012345678',
        phase: 'extract',
        status: 'running',
        options: { include: ['testCases'], pageSize: 100 },
        summary: null,
        error: null,
        finishedAt: null,
      });
      expect(run.startedAt).toBeInstanceOf(Date);

      const load = await store.startRun({ migrationId: run.id, projectKey, phase: 'load', options: {} });
      expect(load.migrationId).toBe(run.id);
      expect(await store.getRun(load.id)).toEqual(load);
      expect(await store.getRun('no-such-run')).toBeUndefined();
    });

    it('finishes a run once, with its summary and a redacted error', async () => {
      secrets.add('hunter2-token');
      const run = await store.startRun({ projectKey: newProject(), phase: 'load', options: {} });
      const finished = await store.finishRun(run.id, {
        status: 'partial',
        summary: { testCases: { created: 3, failed: 1 } },
        error: 'qTest said no to hunter2-token',
      });
      expect(finished).toMatchObject({
        status: 'partial',
        summary: { testCases: { created: 3, failed: 1 } },
        error: 'qTest said no to ***',
      });
      expect(finished.finishedAt).toBeInstanceOf(Date);
      expect(finished.finishedAt!.getTime()).toBeGreaterThanOrEqual(finished.startedAt.getTime());

      await expect(store.finishRun(run.id, { status: 'succeeded' })).rejects.toThrow(
        new StoreError(`run ${run.id} has already finished (partial)`),
      );
      await expect(store.finishRun('no-such-run', { status: 'failed' })).rejects.toThrow(/does not exist/);
    });

    it('lists runs newest first and finds the latest per project and phase', async () => {
      const projectKey = newProject();
      const other = newProject();
      const extract = await store.startRun({ projectKey, phase: 'extract', options: {} });
      const transform = await store.startRun({ projectKey, phase: 'transform', options: {} });
      await store.startRun({ projectKey: other, phase: 'extract', options: {} });

      expect((await store.listRuns({ projectKey })).map((run) => run.id)).toEqual([transform.id, extract.id]);
      expect((await store.listRuns({ projectKey, limit: 1 })).map((run) => run.id)).toEqual([transform.id]);
      expect((await store.listRuns({ migrationId: extract.id })).map((run) => run.id)).toEqual([extract.id]);
      expect((await store.latestRun(projectKey))?.id).toBe(transform.id);
      expect((await store.latestRun(projectKey, { phase: 'extract' }))?.id).toBe(extract.id);
      expect(await store.latestRun(newProject())).toBeUndefined();
    });
  });

  describe('raw entities', () => {
    it('counts inserted, updated and unchanged rows by content hash, whatever the key order', async () => {
      const projectKey = newProject();
      const first = await store.putSourceEntities(projectKey, 'testCase', [
        { sourceId: '1', payload: { key: 'T-1', name: 'Login', labels: ['a', 'b'] } },
        { sourceId: '2', payload: { key: 'T-2', name: 'Logout' } },
        { sourceId: '3', payload: { key: 'T-3', name: 'Search' } },
      ]);
      expect(first).toEqual({ inserted: 3, updated: 0, unchanged: 0 });
      const before = await store.getSourceEntity(projectKey, 'testCase', '1');

      const second = await store.putSourceEntities(projectKey, 'testCase', [
        { sourceId: '1', payload: { labels: ['a', 'b'], name: 'Login', key: 'T-1' } },
        { sourceId: '2', payload: { key: 'T-2', name: 'Sign out' } },
        { sourceId: '4', payload: { key: 'T-4', name: 'Export' } },
        // Given twice in one page: counted once, the last payload wins.
        { sourceId: '4', payload: { key: 'T-4', name: 'Export all' } },
      ]);
      expect(second).toEqual({ inserted: 1, updated: 1, unchanged: 1 });

      const unchanged = await store.getSourceEntity(projectKey, 'testCase', '1');
      expect(unchanged).toEqual(before);
      expect(unchanged?.contentHash).toBe(contentHash({ key: 'T-1', labels: ['a', 'b'], name: 'Login' }));
      const changed = await store.getSourceEntity(projectKey, 'testCase', '2');
      expect(changed?.payload).toEqual({ key: 'T-2', name: 'Sign out' });
      expect(changed?.changedAt.getTime()).toBeGreaterThanOrEqual(changed!.firstExtractedAt.getTime());
      expect((await store.getSourceEntity(projectKey, 'testCase', '4'))?.payload).toEqual({
        key: 'T-4',
        name: 'Export all',
      });
      expect(await store.countSourceEntities(projectKey, 'testCase')).toBe(4);
      expect(await store.countSourceEntities(projectKey)).toBe(4);
      expect(await store.getSourceEntity(projectKey, 'testCase', '99')).toBeUndefined();
    });

    it('returns every kind of JSON payload as it was given', async () => {
      const projectKey = newProject();
      const payloads = [
        { nested: { deep: [1, 2.5, -3, null, true] }, text: 'naïve ✓ 日本' },
        ['an', 'array', { of: 'things' }],
        'a plain string',
        42,
        null,
        { big: '12345678901234567890', empty: {}, none: [] },
      ];
      await store.putSourceEntities(
        projectKey,
        'attachment',
        payloads.map((payload, index) => ({ sourceId: String(index), payload })),
      );
      const [page] = await collect(store.iterateSourceEntityPages(projectKey, 'attachment'));
      expect(page?.map((entity) => entity.payload)).toEqual(payloads);
      for (const entity of page ?? []) expect(entity.contentHash).toBe(contentHash(entity.payload));
    });

    it('rejects a payload that is not JSON without storing any of the page', async () => {
      const projectKey = newProject();
      await expect(
        store.putSourceEntities(projectKey, 'testCase', [
          { sourceId: '1', payload: { ok: true } },
          { sourceId: '2', payload: { size: 10n } },
        ]),
      ).rejects.toThrow(/the payload of testCase 2 is not JSON/);
      expect(await store.countSourceEntities(projectKey)).toBe(0);
    });

    it('writes a page and its checkpoint together', async () => {
      const projectKey = newProject();
      await store.putSourceEntities(projectKey, 'testCase', [{ sourceId: '1', payload: { page: 1 } }], {
        stream: 'testCases',
        cursor: { startAt: 100 },
      });
      expect(await store.countSourceEntities(projectKey)).toBe(1);
      const checkpoint = await store.getCheckpoint(projectKey, 'testCases');
      expect(checkpoint).toMatchObject({ projectKey, stream: 'testCases', cursor: { startAt: 100 } });
      expect(checkpoint?.savedAt).toBeInstanceOf(Date);
    });

    it('stores neither the page nor the checkpoint when the transaction fails', async () => {
      const projectKey = newProject();
      await store.saveCheckpoint(projectKey, { stream: 'testCases', cursor: { startAt: 0 } });

      await expect(
        store.transaction(async (transaction) => {
          await transaction.putSourceEntities(projectKey, 'testCase', [{ sourceId: '1', payload: {} }], {
            stream: 'testCases',
            cursor: { startAt: 100 },
          });
          throw new Error('the extractor crashed');
        }),
      ).rejects.toThrow('the extractor crashed');

      // PostgreSQL refuses \u0000 in jsonb: the checkpoint, written after the page, fails and takes the page with it.
      await expect(
        store.putSourceEntities(projectKey, 'testCase', [{ sourceId: '2', payload: {} }], {
          stream: 'testCases',
          cursor: 'nul \u0000 byte',
        }),
      ).rejects.toBeInstanceOf(StoreError);

      expect(await store.countSourceEntities(projectKey)).toBe(0);
      expect((await store.getCheckpoint(projectKey, 'testCases'))?.cursor).toEqual({ startAt: 0 });
    });

    it('pages by keyset: every row exactly once, in order, across page boundaries', async () => {
      const projectKey = newProject();
      const ids = sourceIds(2_500);
      // Written out of order and in several pages, as an extractor might.
      const shuffled = [...ids].reverse();
      for (let start = 0; start < shuffled.length; start += 800) {
        await store.putSourceEntities(
          projectKey,
          'testExecution',
          shuffled.slice(start, start + 800).map((sourceId) => ({ sourceId, payload: { sourceId } })),
        );
      }

      const pages = await collect(
        store.iterateSourceEntityPages(projectKey, 'testExecution', { pageSize: 1_000 }),
      );
      expect(pages.map((page) => page.length)).toEqual([1_000, 1_000, 500]);
      expect(pages.flat().map((entity) => entity.sourceId)).toEqual(ids);

      const resumed = await collect(
        store.iterateSourceEntityPages(projectKey, 'testExecution', {
          pageSize: 1_000,
          afterSourceId: ids[1_999],
        }),
      );
      expect(resumed.flat().map((entity) => entity.sourceId)).toEqual(ids.slice(2_000));
    });

    it('orders source ids by bytes on every server', async () => {
      const projectKey = newProject();
      const ids = ['b', 'B', '10', '9', 'a-1', 'a_1', 'Z', 'é'];
      await store.putSourceEntities(
        projectKey,
        'folder',
        ids.map((sourceId) => ({ sourceId, payload: 1 })),
      );
      const pages = await collect(store.iterateSourceEntityPages(projectKey, 'folder', { pageSize: 3 }));
      const byteOrder = [...ids].sort((left, right) => Buffer.compare(Buffer.from(left), Buffer.from(right)));
      expect(pages.flat().map((entity) => entity.sourceId)).toEqual(byteOrder);
    });

    it('splits a batch larger than the bind parameter limit into several inserts', async () => {
      const projectKey = newProject();
      // Five parameters a row: 14,000 rows bind 70,000, more than one statement may.
      const ids = sourceIds(14_000);
      expect(ids.length * 5).toBeGreaterThan(MAX_BIND_PARAMETERS);
      const counts = await store.putSourceEntities(
        projectKey,
        'testStep',
        ids.map((sourceId) => ({ sourceId, payload: { sourceId } })),
      );
      expect(counts).toEqual({ inserted: 14_000, updated: 0, unchanged: 0 });
      expect(await store.countSourceEntities(projectKey, 'testStep')).toBe(14_000);

      await store.markPending(projectKey, 'testStep', ids);
      expect(await store.countMappings(projectKey, 'testStep')).toEqual({
        pending: 14_000,
        done: 0,
        failed: 0,
      });
    });

    it('rejects a page size that is not a positive whole number', async () => {
      const pages = store.iterateSourceEntityPages(newProject(), 'testCase', { pageSize: 0 });
      await expect(collect(pages)).rejects.toThrow(/page size must be a positive whole number/);
    });
  });

  describe('transformed entities', () => {
    it('records the source hash so a re-transform only visits what changed', async () => {
      const projectKey = newProject();
      await store.putSourceEntities(projectKey, 'testCase', [
        { sourceId: '1', payload: { name: 'one' } },
        { sourceId: '2', payload: { name: 'two' } },
        { sourceId: '3', payload: { name: 'three' } },
      ]);
      const needing = async () =>
        (
          await collect(
            store.iterateSourceEntityPages(projectKey, 'testCase', { onlyNeedingTransform: true }),
          )
        )
          .flat()
          .map((entity) => entity.sourceId);
      const transform = (entity: SourceEntity) => ({
        sourceId: entity.sourceId,
        payload: { title: (entity.payload as { name: string }).name.toUpperCase() },
        sourceHash: entity.contentHash,
      });

      const raw = (await collect(store.iterateSourceEntityPages(projectKey, 'testCase'))).flat();
      expect(
        await store.putTransformedEntities(projectKey, 'testCase', raw.slice(0, 2).map(transform)),
      ).toEqual({
        inserted: 2,
        updated: 0,
        unchanged: 0,
      });
      expect(await needing()).toEqual(['3']);

      await store.putSourceEntities(projectKey, 'testCase', [{ sourceId: '1', payload: { name: 'one!' } }]);
      expect(await needing()).toEqual(['1', '3']);

      const changed = await store.getSourceEntity(projectKey, 'testCase', '1');
      expect(await store.putTransformedEntities(projectKey, 'testCase', [transform(changed!)])).toEqual({
        inserted: 0,
        updated: 1,
        unchanged: 0,
      });
      const transformed = await store.getTransformedEntity(projectKey, 'testCase', '1');
      expect(transformed).toMatchObject({
        payload: { title: 'ONE!' },
        sourceHash: changed?.contentHash,
        contentHash: contentHash({ title: 'ONE!' }),
      });
      expect(transformed?.transformedAt).toBeInstanceOf(Date);
      expect(await needing()).toEqual(['3']);
    });

    it('keeps a new source hash even when the transformed payload is the same', async () => {
      const projectKey = newProject();
      await store.putTransformedEntities(projectKey, 'testCase', [
        { sourceId: '1', payload: { title: 'A' }, sourceHash: 'old' },
      ]);
      const counts = await store.putTransformedEntities(projectKey, 'testCase', [
        { sourceId: '1', payload: { title: 'A' }, sourceHash: 'new' },
      ]);
      expect(counts).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
      expect((await store.getTransformedEntity(projectKey, 'testCase', '1'))?.sourceHash).toBe('new');
    });

    it('pages transformed entities in source id order', async () => {
      const projectKey = newProject();
      const ids = sourceIds(25);
      await store.putTransformedEntities(
        projectKey,
        'testCycle',
        [...ids].reverse().map((sourceId) => ({ sourceId, payload: sourceId, sourceHash: 'h' })),
      );
      const pages = await collect(
        store.iterateTransformedEntityPages(projectKey, 'testCycle', { pageSize: 10 }),
      );
      expect(pages.map((page) => page.length)).toEqual([10, 10, 5]);
      expect(pages.flat().map((entity) => entity.sourceId)).toEqual(ids);
      expect(await store.countTransformedEntities(projectKey)).toBe(25);
    });
  });

  describe('id map', () => {
    it('moves pending to done and never back', async () => {
      const projectKey = newProject();
      const run = await store.startRun({ projectKey, phase: 'load', options: {} });

      const pending = await store.markPending(projectKey, 'testCase', ['1', '2', '3'], run.id);
      expect(pending.map((mapping) => [mapping.sourceId, mapping.state, mapping.targetId])).toEqual([
        ['1', 'pending', null],
        ['2', 'pending', null],
        ['3', 'pending', null],
      ]);

      await store.markDone(
        projectKey,
        'testCase',
        [{ sourceId: '1', targetId: '9007199254740993', contentHash: 'c1' }],
        run.id,
      );
      await store.markFailed(projectKey, 'testCase', ['3'], run.id);

      // A later run retries everything it does not know to be done: done stays done.
      const retry = await store.markPending(projectKey, 'testCase', ['1', '2', '3'], run.id);
      expect(retry.map((mapping) => [mapping.sourceId, mapping.state, mapping.targetId])).toEqual([
        ['1', 'done', '9007199254740993'],
        ['2', 'pending', null],
        ['3', 'pending', null],
      ]);
      await store.markFailed(projectKey, 'testCase', ['1'], run.id);

      const done = await store.getMapping(projectKey, 'testCase', '1');
      expect(done).toMatchObject({
        state: 'done',
        targetId: '9007199254740993',
        contentHash: 'c1',
        runId: run.id,
      });
      expect(done?.updatedAt).toBeInstanceOf(Date);
      expect(await store.getMapping(projectKey, 'testCase', '4')).toBeUndefined();
      expect([...(await store.getMappings(projectKey, 'testCase', ['2', '4', '1'])).keys()].sort()).toEqual([
        '1',
        '2',
      ]);
      expect(await store.countMappings(projectKey)).toEqual({ pending: 2, done: 1, failed: 0 });
    });

    it('lists the pending rows a resumed load must look up in the target', async () => {
      const projectKey = newProject();
      const ids = sourceIds(30);
      await store.markPending(projectKey, 'testExecution', ids);
      await store.markDone(
        projectKey,
        'testExecution',
        ids.filter((_, index) => index % 3 === 0).map((sourceId) => ({ sourceId, targetId: `t${sourceId}` })),
      );
      await store.markFailed(projectKey, 'testExecution', [ids[1]!]);

      const pending = await collect(
        store.iterateMappingPages(projectKey, 'testExecution', { state: 'pending', pageSize: 7 }),
      );
      expect(pending.flat().map((mapping) => mapping.sourceId)).toEqual(
        ids.filter((_, index) => index % 3 !== 0 && index !== 1),
      );
      expect(pending.flat().every((mapping) => mapping.state === 'pending')).toBe(true);
      const all = await collect(store.iterateMappingPages(projectKey, 'testExecution', { pageSize: 7 }));
      expect(all.flat()).toHaveLength(30);
      expect(await store.countMappings(projectKey, 'testExecution')).toEqual({
        pending: 19,
        done: 10,
        failed: 1,
      });
      expect(await store.countMappings(projectKey, 'testCase')).toEqual({ pending: 0, done: 0, failed: 0 });
    });

    it('adopts an entity straight to done, as a resume does after finding it in the target', async () => {
      const projectKey = newProject();
      await store.markDone(projectKey, 'testCycle', [{ sourceId: 'C-1', targetId: '77' }]);
      expect(await store.getMapping(projectKey, 'testCycle', 'C-1')).toMatchObject({
        state: 'done',
        targetId: '77',
        contentHash: null,
        targetData: null,
        runId: null,
      });
    });

    it('forgets pending rows whose create was never sent, and only those', async () => {
      const projectKey = newProject();
      await store.markPending(projectKey, 'test-case', ['a', 'b', 'c', 'd']);
      await store.markDone(projectKey, 'test-case', [{ sourceId: 'b', targetId: '2' }]);
      await store.markFailed(projectKey, 'test-case', ['c']);
      await store.discardPending(projectKey, 'test-case', ['a', 'b', 'c', 'x']);
      const left = await store.getMappings(projectKey, 'test-case', ['a', 'b', 'c', 'd']);
      expect([...left.values()].map((mapping) => [mapping.sourceId, mapping.state]).sort()).toEqual([
        ['b', 'done'],
        ['c', 'failed'],
        ['d', 'pending'],
      ]);
    });

    it('keeps what the target said about an entity with its id', async () => {
      const projectKey = newProject();
      const stepIds = { stepIds: [11, 12, 9007199254740993n.toString()] };
      await store.markDone(projectKey, 'test-case', [
        { sourceId: 'T-1', targetId: '5', targetData: stepIds },
      ]);
      expect((await store.getMapping(projectKey, 'test-case', 'T-1'))?.targetData).toEqual(stepIds);
      const [page] = await collect(store.iterateMappingPages(projectKey, 'test-case'));
      expect(page?.[0]?.targetData).toEqual(stepIds);
    });

    it('keeps what was written with the row that confirms it, and replaces it on the next write', async () => {
      const projectKey = newProject();
      const written = {
        body: { name: 'Login', test_steps: [{ description: 'Open', expected: 'Shown', order: 1 }] },
        refs: { parent: { type: 'module', sourceId: 'folder-1' } },
        marker: { zephyrKey: 'P-T1' },
      };
      await store.markDone(projectKey, 'test-case', [{ sourceId: 'T-1', targetId: '5' }]);
      // A row confirmed without it (as before schema 0005) says so.
      expect((await store.getMapping(projectKey, 'test-case', 'T-1'))?.writtenPlan).toBeNull();
      await store.markDone(projectKey, 'test-case', [
        { sourceId: 'T-1', targetId: '5', writtenPlan: written },
      ]);
      expect((await store.getMapping(projectKey, 'test-case', 'T-1'))?.writtenPlan).toEqual(written);
      const renamed = { ...written, body: { ...written.body, name: 'Log in' } };
      await store.markDone(projectKey, 'test-case', [
        { sourceId: 'T-1', targetId: '5', writtenPlan: renamed },
      ]);
      expect((await store.getMapping(projectKey, 'test-case', 'T-1'))?.writtenPlan).toEqual(renamed);
    });
  });

  describe('checkpoints', () => {
    it('keeps the latest cursor per stream', async () => {
      const projectKey = newProject();
      expect(await store.getCheckpoint(projectKey, 'testCases')).toBeUndefined();
      await store.saveCheckpoint(projectKey, { stream: 'testCases', cursor: { startAt: 100 } });
      await store.saveCheckpoint(projectKey, { stream: 'testCases', cursor: { startAt: 200 } });
      await store.saveCheckpoint(projectKey, { stream: 'testCycles', cursor: 'opaque-token' });
      expect((await store.getCheckpoint(projectKey, 'testCases'))?.cursor).toEqual({ startAt: 200 });
      expect((await store.getCheckpoint(projectKey, 'testCycles'))?.cursor).toBe('opaque-token');
    });
  });

  describe('failures', () => {
    it('counts attempts and keeps the first and last time and the last error', async () => {
      const projectKey = newProject();
      const first = await store.startRun({ projectKey, phase: 'load', options: {} });
      const second = await store.startRun({ projectKey, phase: 'load', options: {} });
      const key = { projectKey, phase: 'load', entityType: 'testCase', sourceId: '42' } as const;

      const once = await store.recordFailure({ ...key, runId: first.id, error: 'HTTP 500' });
      expect(once).toMatchObject({ ...key, runId: first.id, attempts: 1, lastError: 'HTTP 500' });
      expect(once.lastFailedAt).toEqual(once.firstFailedAt);

      secrets.add('secret-in-error');
      const twice = await store.recordFailure({
        ...key,
        runId: second.id,
        error: 'HTTP 400 secret-in-error',
      });
      expect(twice).toMatchObject({ runId: second.id, attempts: 2, lastError: 'HTTP 400 ***' });
      expect(twice.firstFailedAt).toEqual(once.firstFailedAt);
      expect(twice.lastFailedAt.getTime()).toBeGreaterThanOrEqual(once.lastFailedAt.getTime());

      await store.recordFailure({ ...key, phase: 'extract', runId: second.id, error: 'timeout' });
      await store.recordFailure({ ...key, sourceId: '41', runId: first.id, error: 'HTTP 502' });
      expect(
        (await store.listFailures(projectKey)).map((failure) => [failure.phase, failure.sourceId]),
      ).toEqual([
        ['extract', '42'],
        ['load', '41'],
        ['load', '42'],
      ]);
      expect(await store.listFailures(projectKey, { phase: 'load', runId: second.id })).toHaveLength(1);
      expect(await store.listFailures(projectKey, { entityType: 'testCycle' })).toEqual([]);

      const { sourceId, ...scope } = key;
      expect(await store.clearFailures(scope, [sourceId, 'never-failed'])).toBe(1);
      expect(await store.clearFailures(scope, [sourceId])).toBe(0);
      expect(await store.listFailures(projectKey, { phase: 'load' })).toHaveLength(1);
    });
  });

  describe('run events', () => {
    it('returns events in the order they were appended, with server times', async () => {
      const run = await store.startRun({ projectKey: newProject(), phase: 'extract', options: {} });
      await store.appendEvents(run.id, [
        { kind: 'phase-started', phase: 'extract' },
        {
          kind: 'page-extracted',
          phase: 'extract',
          entityType: 'testCase',
          counts: { inserted: 100, unchanged: 0 },
        },
      ]);
      await store.appendEvents(run.id, [{ kind: 'phase-finished', phase: 'extract', message: 'done' }]);

      const events = await store.listEvents(run.id);
      expect(events.map((event) => event.kind)).toEqual([
        'phase-started',
        'page-extracted',
        'phase-finished',
      ]);
      expect(events[1]).toMatchObject({
        runId: run.id,
        phase: 'extract',
        entityType: 'testCase',
        counts: { inserted: 100, unchanged: 0 },
        message: null,
      });
      const ids = events.map((event) => event.id);
      expect(ids.every((id) => typeof id === 'number')).toBe(true);
      expect([...ids].sort((left, right) => left - right)).toEqual(ids);
      for (const event of events) expect(event.createdAt).toBeInstanceOf(Date);
      expect((await store.listEvents(run.id, { afterId: ids[1]! })).map((event) => event.kind)).toEqual([
        'phase-finished',
      ]);
    });

    it('refuses events for a run that does not exist', async () => {
      await expect(store.appendEvents('no-such-run', [{ kind: 'x' }])).rejects.toBeInstanceOf(StoreError);
    });
  });

  describe('transactions', () => {
    it('commits everything written inside, through the argument or the store itself', async () => {
      const projectKey = newProject();
      const written = await store.transaction(async (transaction) => {
        await transaction.putSourceEntities(projectKey, 'testCase', [{ sourceId: '1', payload: {} }]);
        // Through the store, not the argument: joins the transaction instead of waiting for it.
        await store.saveCheckpoint(projectKey, { stream: 'testCases', cursor: 1 });
        // Nested: joins too.
        return transaction.transaction(async () => store.countSourceEntities(projectKey));
      });
      expect(written).toBe(1);
      expect((await store.getCheckpoint(projectKey, 'testCases'))?.cursor).toBe(1);
    });

    it('rolls back writes made through the store itself', async () => {
      const projectKey = newProject();
      await expect(
        store.transaction(async () => {
          await store.markPending(projectKey, 'testCase', ['1']);
          throw new Error('abandon');
        }),
      ).rejects.toThrow('abandon');
      expect(await store.getMapping(projectKey, 'testCase', '1')).toBeUndefined();
    });

    it('lets writers outside a transaction wait their turn', async () => {
      const projectKey = newProject();
      const port: StateStore = store;
      await Promise.all([
        port.transaction(async (transaction) => {
          await transaction.saveCheckpoint(projectKey, { stream: 'a', cursor: 1 });
          await new Promise((resolve) => setTimeout(resolve, 20));
          await transaction.saveCheckpoint(projectKey, { stream: 'a', cursor: 2 });
        }),
        port.saveCheckpoint(projectKey, { stream: 'b', cursor: 1 }),
      ]);
      expect((await port.getCheckpoint(projectKey, 'a'))?.cursor).toBe(2);
      expect((await port.getCheckpoint(projectKey, 'b'))?.cursor).toBe(1);
    });
  });
});
