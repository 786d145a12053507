import { describe, expect, it } from 'vitest';
import { planFieldChanges, withPlannedChanges } from '../../../../src/adapters/qtest/mapping/index.js';
import { census, field, qtestSettings } from './fixtures.js';

describe('withPlannedChanges', () => {
  it('adds planned fields and allowed values with distinct negative ids and leaves the input alone', () => {
    const settings = qtestSettings({ 'test-cases': [field(50, 'Labels', 17, ['smoke'])] });
    const before = structuredClone(settings);
    const used = census({
      environments: ['Chrome', 'Safari'],
      testCaseAttributes: { labels: ['smoke', 'api'], components: [], owners: false, estimatedTime: false },
    });
    const changes = planFieldChanges(used, settings, { mapping: {}, createFields: true });
    const planned = withPlannedChanges(settings, changes);

    expect(settings).toEqual(before);
    const environment = planned.fields['test-runs'].find((candidate) => candidate.label === 'Environment');
    expect(environment).toMatchObject({ dataType: 3, required: false, systemField: false });
    expect(environment?.allowedValues.map((allowed) => allowed.label)).toEqual(['Chrome', 'Safari']);
    const labels = planned.fields['test-cases'].find((candidate) => candidate.id === 50);
    expect(labels?.allowedValues).toEqual([
      { value: 5001, label: 'smoke' },
      { value: expect.any(Number), label: 'api' },
    ]);

    const placeholders = [
      ...planned.fields['test-cases'],
      ...planned.fields['test-runs'],
      ...planned.fields.releases,
    ].flatMap((candidate) => [candidate.id, ...candidate.allowedValues.map((allowed) => allowed.value)]);
    const negative = placeholders.filter((id) => id < 0);
    // Two Zephyr Key fields, the Environment field and its two values, one added label.
    expect(negative).toHaveLength(6);
    expect(new Set(negative).size).toBe(negative.length);
  });

  it('refuses allowed values for a field the settings do not have', () => {
    expect(() =>
      withPlannedChanges(qtestSettings(), [
        { kind: 'allowed-values', objectType: 'test-cases', fieldId: 999, label: 'Gone', values: ['x'] },
      ]),
    ).toThrow(/unknown test-cases field 999/);
  });
});
