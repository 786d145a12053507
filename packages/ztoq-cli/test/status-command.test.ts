import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStateStore } from '@ztoq/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli } from './cli-harness.js';
import { createEmptyStore } from './support/store-template.js';

let cwd: string;
let env: NodeJS.ProcessEnv;
beforeEach(async () => {
  cwd = await mkdtemp(path.join(tmpdir(), 'ztoq-cli-status-'));
  await createEmptyStore(path.join(cwd, 'store'));
  // No API settings at all: status reads the store and nothing else.
  env = { ZTOQ_DATABASE_URL: `file:${path.join(cwd, 'store')}` };
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

describe('ztoq status', () => {
  it('says no migration has run for a project the store does not know', async () => {
    expect(await cli(['status', '--project-key', 'DEMO'], env, cwd)).toEqual({
      code: 0,
      stdout: 'project DEMO: no migration has run yet\n',
      stderr: '',
    });
    const json = await cli(['status', '--project-key', 'DEMO', '--json'], env, cwd);
    expect(JSON.parse(json.stdout)).toMatchObject({ projectKey: 'DEMO', migrationId: null, latestRun: null });
  });

  it("shows the project's latest migration: each phase's last run, counts per type and open failures", async () => {
    const store = await openStateStore({ url: env.ZTOQ_DATABASE_URL as string, cwd });
    let loadRun: string;
    let migrationId: string;
    try {
      const extract = await store.startRun({ projectKey: 'DEMO', phase: 'extract', options: {} });
      migrationId = extract.migrationId;
      await store.putSourceEntities('DEMO', 'test-case', [
        { sourceId: '1', payload: { key: 'DEMO-T1' } },
        { sourceId: '2', payload: { key: 'DEMO-T2' } },
      ]);
      await store.finishRun(extract.id, { status: 'succeeded' });
      const load = await store.startRun({ migrationId, projectKey: 'DEMO', phase: 'load', options: {} });
      loadRun = load.id;
      await store.putTransformedEntities(
        'DEMO',
        'test-case',
        ['a', 'b', 'c'].map((sourceId) => ({ sourceId, payload: {}, sourceHash: sourceId })),
      );
      await store.markPending('DEMO', 'test-case', ['a', 'b', 'c'], load.id);
      await store.markDone('DEMO', 'test-case', [{ sourceId: 'a', targetId: '501' }], load.id);
      await store.markFailed('DEMO', 'test-case', ['c'], load.id);
      await store.recordFailure({
        projectKey: 'DEMO',
        phase: 'load',
        entityType: 'test-case',
        sourceId: 'c',
        runId: load.id,
        error: 'refused',
      });
      // A run stores the target's description of itself (its types, in order) with its summary.
      await store.finishRun(load.id, {
        status: 'interrupted',
        summary: {
          target: {
            name: 'qTest Manager',
            entityTypes: ['module', 'test-case', 'release', 'test-cycle', 'test-run', 'test-log'],
          },
        },
      });
      // Another project in the same store is not mixed in.
      const other = await store.startRun({ projectKey: 'OTHER', phase: 'all', options: {} });
      await store.putSourceEntities('OTHER', 'test-case', [{ sourceId: '9', payload: {} }]);
      await store.finishRun(other.id, { status: 'succeeded' });
    } finally {
      await store.close();
    }

    const text = await cli(['status', '--project-key', 'DEMO'], env, cwd);
    expect(text).toMatchObject({ code: 0, stderr: '' });
    expect(text.stdout).toBe(
      [
        'project DEMO',
        `migration ${migrationId}`,
        `latest run ${loadRun} (load): interrupted`,
        '',
        'phase       state',
        'extract     succeeded',
        'transform   not run',
        'load        interrupted',
        'validate    not run',
        '',
        'extracted',
        '  folder           0',
        '  status           0',
        '  priority         0',
        '  environment      0',
        '  test-case        2',
        '  test-plan        0',
        '  test-cycle       0',
        '  test-execution   0',
        '',
        'target type      planned  done  pending  failed',
        '  module               0     0        0       0',
        '  test-case            3     1        1       1',
        '  release              0     0        0       0',
        '  test-cycle           0     0        0       0',
        '  test-run             0     0        0       0',
        '  test-log             0     0        0       0',
        '',
        // The interrupted load died without a summary: no counts to show.
        'no run has loaded yet',
        '',
        'open failures: load 1',
        '',
      ].join('\n'),
    );

    const json = await cli(['status', '--project-key', 'DEMO', '--json'], env, cwd);
    expect(JSON.parse(json.stdout)).toMatchObject({
      migrationId,
      latestRun: { id: loadRun, phase: 'load', status: 'interrupted' },
      phases: [
        { phase: 'extract', status: 'succeeded' },
        { phase: 'transform', status: 'not run', runId: null },
        { phase: 'load', status: 'interrupted', runId: loadRun },
        { phase: 'validate', status: 'not run', runId: null },
      ],
      extracted: { 'test-case': 2 },
      transformed: { 'test-case': 3, module: 0 },
      loaded: { 'test-case': { done: 1, pending: 1, failed: 1 } },
      failures: { load: 1 },
      latestLoad: null,
      load: {},
      removedInSource: {},
    });
  });

  it('refuses a malformed project key with a usage error', async () => {
    const result = await cli(['status', '--project-key', 'not a key'], env, cwd);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^ztoq: .*project key/);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
