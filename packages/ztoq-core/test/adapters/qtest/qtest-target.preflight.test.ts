/** preflight: read qTest's settings, create the fields the census needs (once), and build the mapping context. */
import { afterEach, describe, expect, it } from 'vitest';
import type { QTestContext } from '../../../src/adapters/qtest/index.js';
import type { PreflightOptions } from '../../../src/ports/target.js';
import { census, PROJECT_ID, type Site, startSite } from './qtest-target-support.js';

const sites: Site[] = [];
afterEach(async () => {
  await Promise.all(sites.splice(0).map((site) => site.close()));
});

async function site(options: Parameters<typeof startSite>[0] = {}): Promise<Site> {
  const started = await startSite(options);
  sites.push(started);
  return started;
}

const run: PreflightOptions = { mapping: {}, createFields: true, dryRun: false, targetRoot: 'Zephyr' };

/** Custom fields by object type, label and allowed value labels, as the simulator holds them. */
function customFields(current: Site): string[] {
  const project = current.sim.store.project(PROJECT_ID);
  return (['test-cases', 'test-runs', 'releases'] as const).flatMap((objectType) =>
    (project?.fieldsOf(objectType) ?? [])
      .filter((field) => !field.systemField)
      .map(
        (field) =>
          `${objectType} ${field.label} [${field.allowedValues.map((value) => value.label).join(', ')}]`,
      ),
  );
}

function writes(current: Site): Record<string, number> {
  return Object.fromEntries(
    Object.entries(current.sim.requestCounts()).filter(([operation]) => operation.startsWith('POST /api')),
  );
}

const NEEDED = [
  'test-cases Zephyr Key []',
  'test-cases Labels [smoke]',
  'test-cases Risk [Low, High]',
  'test-runs Environment [Staging, Chrome 120]',
  'releases Zephyr Key []',
];

describe('preflight', () => {
  it('creates the fields the census needs, and a second preflight creates nothing', async () => {
    const current = await site();

    const first = await current.target.preflight(census(), run);
    const fieldsAfterFirst = customFields(current);
    const writesAfterFirst = writes(current);
    const second = await current.target.preflight(census(), run);

    expect([...fieldsAfterFirst].sort()).toEqual([...NEEDED].sort());
    expect(first.changes).toContainEqual({
      kind: 'field',
      objectType: 'test-cases',
      name: 'Zephyr Key',
      action: 'created',
    });
    expect(first.changes).toContainEqual({
      kind: 'allowed-value',
      objectType: 'test-runs',
      name: 'Environment: Chrome 120',
      action: 'created',
    });
    const context = first.context as unknown as QTestContext;
    expect(context.zephyrKeyField).toEqual({
      'test-cases': current.fieldId('test-cases', 'Zephyr Key'),
      releases: current.fieldId('releases', 'Zephyr Key'),
    });
    expect(context.environmentField?.fieldId).toBe(current.fieldId('test-runs', 'Environment'));

    expect(second.changes).toEqual([]);
    expect(customFields(current)).toEqual(fieldsAfterFirst);
    expect(writes(current)).toEqual(writesAfterFirst);
    expect(second.context).toEqual(first.context);
  });

  it('in a dry run creates nothing and reports what it would create', async () => {
    const current = await site();

    const result = await current.target.preflight(census(), { ...run, dryRun: true });

    expect(customFields(current)).toEqual([]);
    expect(writes(current)).toEqual({});
    expect(
      result.changes
        .filter((change) => change.kind === 'field')
        .map((change) => `${change.objectType} ${change.name}`)
        .sort(),
    ).toEqual([
      'releases Zephyr Key',
      'test-cases Labels',
      'test-cases Risk',
      'test-cases Zephyr Key',
      'test-runs Environment',
    ]);
    expect(result.changes.every((change) => change.action === 'would-create')).toBe(true);
  });

  it('adds only the allowed values a field lacks, at most 100 per request', async () => {
    const environments = Array.from({ length: 250 }, (_, index) => `Env ${index + 1}`);
    const current = await site({
      projects: [
        {
          customFields: [
            { objectType: 'test-runs', label: 'Environment', dataType: 3, allowedValues: ['Env 1'] },
          ],
        },
      ],
    });

    const result = await current.target.preflight(census({ environments }), run);

    const values = current.sim.store
      .project(PROJECT_ID)
      ?.fieldsOf('test-runs')
      .find((field) => field.label === 'Environment')
      ?.allowedValues.map((value) => value.label);
    expect(values).toEqual(environments);
    expect(
      writes(current)[
        'POST /api/v3/projects/{projectId}/settings/{objectType}/fields/{fieldId}/allowed-values'
      ],
    ).toBe(3);
    expect(result.changes.filter((change) => change.objectType === 'test-runs')).toHaveLength(249);
    expect(result.changes).not.toContainEqual(
      expect.objectContaining({ kind: 'field', objectType: 'test-runs' }),
    );
  });

  it('creates a field with more than 100 values in steps of 100', async () => {
    const environments = Array.from({ length: 150 }, (_, index) => `Env ${index + 1}`);
    const current = await site();

    await current.target.preflight(census({ environments }), run);

    expect(customFields(current)).toContain(`test-runs Environment [${environments.join(', ')}]`);
    expect(
      writes(current)[
        'POST /api/v3/projects/{projectId}/settings/{objectType}/fields/{fieldId}/allowed-values'
      ],
    ).toBe(1);
  });

  it('when every answer to its writes is lost, confirms each by reading and still creates each field once', async () => {
    const current = await site({ auth: 'token', faults: { lostResponseRatio: 1 } });

    const result = await current.target.preflight(census(), run);

    expect(customFields(current).sort()).toEqual([...NEEDED].sort());
    expect((result.context as unknown as QTestContext).zephyrKeyField['test-cases']).toBe(
      current.fieldId('test-cases', 'Zephyr Key'),
    );
  });
});
