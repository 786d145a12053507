import { describe, expect, it } from 'vitest';
import { createQTestMapper } from '../../../../src/adapters/qtest/mapping/index.js';
import { FOLDERS, lookups } from './fixtures.js';
import { MAPPING, mapperContext } from './mapper-context.js';

const mapper = (targetRoot: string) =>
  createQTestMapper(mapperContext(), { projectKey: 'DEMO', mapping: MAPPING, targetRoot });
const folder = (id: string) => {
  const found = FOLDERS.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`no fixture folder ${id}`);
  return found;
};

describe('containers', () => {
  it('plans the root module and the root cycle', () => {
    expect(mapper('Zephyr DEMO').containers()).toEqual([
      {
        type: 'module',
        sourceId: 'root',
        level: 0,
        refs: {},
        body: { name: 'Zephyr DEMO', description: 'Zephyr project: DEMO' },
        marker: { line: 'Zephyr project: DEMO' },
        lossy: [],
        label: 'module Zephyr DEMO',
      },
      {
        type: 'test-cycle',
        sourceId: 'root',
        level: 0,
        refs: {},
        body: { name: 'Zephyr DEMO', description: 'Zephyr project: DEMO' },
        marker: { line: 'Zephyr project: DEMO' },
        lossy: [],
        label: 'test cycle Zephyr DEMO',
      },
    ]);
  });

  it('with an empty targetRoot plans no container: everything goes to the top level', () => {
    expect(mapper('').containers()).toEqual([]);
  });
});

describe("map('folder')", () => {
  it('turns test-case folders into nested modules under the root module', async () => {
    const target = mapper('Zephyr DEMO');
    expect(await target.map('folder', folder('31'), lookups())).toEqual([
      {
        type: 'module',
        sourceId: 'folder-000000000031',
        level: 1,
        refs: { parent: { type: 'module', sourceId: 'root' } },
        body: { name: 'Regression', description: 'Zephyr folder: 31' },
        marker: { line: 'Zephyr folder: 31' },
        lossy: [],
        label: 'module Regression',
      },
    ]);
    expect(await target.map('folder', folder('32'), lookups())).toEqual([
      expect.objectContaining({
        type: 'module',
        sourceId: 'folder-000000000032',
        level: 2,
        refs: { parent: { type: 'module', sourceId: 'folder-000000000031' } },
        label: 'module Regression / Payments',
      }),
    ]);
  });

  it('turns test-cycle folders into cycles under the root cycle', async () => {
    const [planned] = await mapper('Zephyr DEMO').map('folder', folder('34'), lookups());
    expect(planned).toMatchObject({
      type: 'test-cycle',
      sourceId: 'folder-000000000034',
      level: 2,
      refs: { parent: { type: 'test-cycle', sourceId: 'folder-000000000033' } },
      body: { name: 'Sprint 1', description: 'Zephyr folder: 34' },
    });
    const [top] = await mapper('Zephyr DEMO').map('folder', folder('33'), lookups());
    expect(top?.refs).toEqual({ parent: { type: 'test-cycle', sourceId: 'root' } });
  });

  it('plans nothing for test-plan folders', async () => {
    expect(await mapper('Zephyr DEMO').map('folder', folder('35'), lookups())).toEqual([]);
  });

  it('puts level-0 folders at the top level when targetRoot is empty', async () => {
    const target = mapper('');
    const [top] = await target.map('folder', folder('31'), lookups());
    expect(top).toMatchObject({ level: 0, refs: {} });
    const [child] = await target.map('folder', folder('32'), lookups());
    expect(child).toMatchObject({
      level: 1,
      refs: { parent: { type: 'module', sourceId: 'folder-000000000031' } },
    });
  });

  it('ends a parent loop instead of walking it forever', async () => {
    const looped = [
      { id: '1', parentId: '2', name: 'A', index: 0, kind: 'test-case' as const },
      { id: '2', parentId: '1', name: 'B', index: 0, kind: 'test-case' as const },
    ];
    const [planned] = await mapper('R').map('folder', looped[0]!, lookups({ folders: looped }));
    expect(planned).toMatchObject({ level: 2, refs: { parent: { sourceId: 'folder-000000000002' } } });
  });

  it('plans nothing for lookups (statuses, priorities, environments)', async () => {
    const target = mapper('R');
    const status = { id: '1', kind: 'test-case' as const, name: 'Draft', archived: false, isDefault: true };
    expect(await target.map('status', status, lookups())).toEqual([]);
    expect(await target.map('priority', { id: '1', name: 'High', isDefault: false }, lookups())).toEqual([]);
    expect(await target.map('environment', { id: '1', name: 'Chrome', archived: false }, lookups())).toEqual(
      [],
    );
  });
});
