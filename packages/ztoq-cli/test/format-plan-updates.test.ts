import { emptyMigrationResult, type MigrationResult, type PlannedUpdate } from '@ztoq/core';
import { describe, expect, it } from 'vitest';
import { fieldLine, formatPlanUpdates, MAX_UPDATES_SHOWN } from '../src/format-plan-updates.js';

function resultWith(planUpdates: PlannedUpdate[]): MigrationResult {
  const result = emptyMigrationResult({
    runId: 'r',
    migrationId: 'm',
    projectKey: 'P',
    targetProjectId: null,
    phase: 'all',
    dryRun: true,
  });
  return { ...result, planUpdates };
}

const update = (index: number, changes: PlannedUpdate['changes']): PlannedUpdate => ({
  entityType: 'test-case',
  sourceId: `P-T${index}`,
  targetId: String(100 + index),
  label: `P-T${index} Case ${index}`,
  changes,
});

describe('formatPlanUpdates', () => {
  it('says nothing when nothing would be updated', () => {
    expect(formatPlanUpdates(resultWith([]))).toEqual([]);
  });

  it('lists each entity with its fields, and how many more there are past the cap', () => {
    const updates = Array.from({ length: MAX_UPDATES_SHOWN + 3 }, (_, index) =>
      update(index, [{ path: 'body.name', old: `Case ${index}`, new: `Case ${index}!` }]),
    );
    updates[1] = update(1, null);
    const lines = formatPlanUpdates(resultWith(updates));
    expect(lines.slice(0, 6)).toEqual([
      '',
      `would update ${MAX_UPDATES_SHOWN + 3} entities written earlier:`,
      '  test-case P-T0 Case 0 (qTest id 100)',
      '    body.name: "Case 0" → "Case 0!"',
      '  test-case P-T1 Case 1 (qTest id 101)',
      '    written before ztoq kept what it wrote: the changed fields are not known',
    ]);
    expect(lines.filter((line) => line.startsWith('  test-case'))).toHaveLength(MAX_UPDATES_SHOWN);
    expect(lines.at(-1)).toBe('  … and 3 more (--json lists them all)');
  });

  it('shows long values from shortly before they part, cut to a line', () => {
    const common = 'x'.repeat(100);
    expect(fieldLine({ path: 'body.description', old: `${common}old`, new: `${common}new` })).toBe(
      `body.description: …${'x'.repeat(12)}old" → …${'x'.repeat(12)}new"`,
    );
    expect(fieldLine({ path: 'body.name', new: 'y'.repeat(100) })).toBe(
      `body.name: (none) → "${'y'.repeat(58)}…`,
    );
  });
});
