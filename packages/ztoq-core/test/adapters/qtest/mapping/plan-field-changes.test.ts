import { describe, expect, it } from 'vitest';
import { planFieldChanges } from '../../../../src/adapters/qtest/mapping/index.js';
import { census, field, qtestSettings, withMarkerFields } from './fixtures.js';

const create = { mapping: {}, createFields: true };

describe('planFieldChanges', () => {
  it('creates the Zephyr Key marker on test cases and releases even for an empty census', () => {
    expect(planFieldChanges(census(), qtestSettings(), create)).toEqual([
      {
        kind: 'field',
        objectType: 'test-cases',
        label: 'Zephyr Key',
        dataType: 1,
        multiple: false,
        allowedValues: [],
      },
      {
        kind: 'field',
        objectType: 'releases',
        label: 'Zephyr Key',
        dataType: 1,
        multiple: false,
        allowedValues: [],
      },
    ]);
  });

  it('reuses fields matched by label in any case and plans nothing when everything exists', () => {
    const settings = qtestSettings({
      'test-cases': [field(20, 'zephyr key', 1)],
      releases: [field(40, 'ZEPHYR KEY', 1)],
    });
    expect(planFieldChanges(census(), settings, create)).toEqual([]);
  });

  it('plans the Environment combo box with every environment and the used attribute fields', () => {
    const used = census({
      environments: ['Chrome', 'Safari'],
      testCaseAttributes: {
        labels: ['smoke', 'ログイン'],
        components: ['10001'],
        owners: true,
        estimatedTime: true,
      },
    });
    const changes = planFieldChanges(used, withMarkerFields(qtestSettings()), create);
    expect(changes).toEqual([
      {
        kind: 'field',
        objectType: 'test-runs',
        label: 'Environment',
        dataType: 3,
        multiple: false,
        allowedValues: ['Chrome', 'Safari'],
      },
      {
        kind: 'field',
        objectType: 'test-cases',
        label: 'Labels',
        dataType: 17,
        multiple: true,
        allowedValues: ['smoke', 'ログイン'],
      },
      {
        kind: 'field',
        objectType: 'test-cases',
        label: 'Component',
        dataType: 1,
        multiple: false,
        allowedValues: [],
      },
      {
        kind: 'field',
        objectType: 'test-cases',
        label: 'Owner',
        dataType: 1,
        multiple: false,
        allowedValues: [],
      },
      {
        kind: 'field',
        objectType: 'test-cases',
        label: 'Estimated Time',
        dataType: 7,
        multiple: false,
        allowedValues: [],
      },
    ]);
  });

  it('leaves out attribute fields the census does not use', () => {
    const used = census({
      testCaseAttributes: { labels: [], components: [], owners: false, estimatedTime: true },
    });
    const labels = planFieldChanges(used, withMarkerFields(qtestSettings()), create).map(
      (change) => change.label,
    );
    expect(labels).toEqual(['Estimated Time']);
  });

  it('infers one custom field per Zephyr field from the kinds of its values', () => {
    const kinds = (name: string, kinds: string[], values: string[] = [], manyValues = false) => ({
      name,
      kinds: kinds as never,
      values,
      manyValues,
    });
    const used = census({
      testCaseFields: [
        kinds('Automation Ticket', ['text'], ['AUT-1']),
        kinds('備考', ['multiline']),
        kinds('Story Points', ['number']),
        kinds('Regulatory', ['boolean']),
        kinds('Last Reviewed', ['date']),
        kinds('Platforms', ['list'], ['Web', 'iOS', 'דסקטופ']),
        kinds('Mixed', ['number', 'text']),
        kinds('Notes', ['text', 'multiline']),
        kinds('Huge list', ['list'], ['a'], true),
        kinds('Never set', []),
      ],
    });
    const changes = planFieldChanges(used, withMarkerFields(qtestSettings()), create);
    expect(
      changes.map((change) =>
        change.kind === 'field'
          ? [change.label, change.dataType, change.multiple, change.allowedValues]
          : change,
      ),
    ).toEqual([
      ['Automation Ticket', 1, false, []],
      ['備考', 2, false, []],
      ['Story Points', 7, false, []],
      ['Regulatory', 3, false, ['Yes', 'No']],
      ['Last Reviewed', 4, false, []],
      ['Platforms', 17, true, ['Web', 'iOS', 'דסקטופ']],
      ['Mixed', 1, false, []],
      ['Notes', 2, false, []],
      ['Huge list', 1, false, []],
    ]);
  });

  it('uses the mapping file label and leaves out fields mapped to null', () => {
    const used = census({
      testCaseFields: [
        { name: 'Story Points', kinds: ['number'], values: [], manyValues: false },
        { name: 'Secret', kinds: ['text'], values: [], manyValues: false },
      ],
    });
    const mapping = { testCaseFields: { 'Story Points': 'Points', Secret: null } };
    const changes = planFieldChanges(used, withMarkerFields(qtestSettings()), {
      mapping,
      createFields: true,
    });
    expect(changes.map((change) => change.label)).toEqual(['Points']);
  });

  it('adds only the allowed values existing pick lists lack, compared without case', () => {
    const settings = withMarkerFields(
      qtestSettings({
        'test-cases': [field(50, 'Labels', 17, ['Smoke']), field(51, 'Regulatory', 3, ['Yes'])],
        'test-runs': [field(60, 'environment', 3, ['chrome'])],
      }),
    );
    const used = census({
      environments: ['Chrome', 'Safari'],
      testCaseAttributes: {
        labels: ['smoke', 'regression'],
        components: [],
        owners: false,
        estimatedTime: false,
      },
      testCaseFields: [{ name: 'Regulatory', kinds: ['boolean'], values: [], manyValues: false }],
    });
    expect(planFieldChanges(used, settings, create)).toEqual([
      {
        kind: 'allowed-values',
        objectType: 'test-runs',
        fieldId: 60,
        label: 'environment',
        values: ['Safari'],
      },
      {
        kind: 'allowed-values',
        objectType: 'test-cases',
        fieldId: 50,
        label: 'Labels',
        values: ['regression'],
      },
      { kind: 'allowed-values', objectType: 'test-cases', fieldId: 51, label: 'Regulatory', values: ['No'] },
    ]);
  });

  it('adds no allowed values to an existing field that is not a pick list', () => {
    const settings = withMarkerFields(qtestSettings({ 'test-cases': [field(50, 'Labels', 1)] }));
    const used = census({
      testCaseAttributes: { labels: ['smoke'], components: [], owners: false, estimatedTime: false },
    });
    expect(planFieldChanges(used, settings, create)).toEqual([]);
  });

  it('merges a custom field named like an attribute field into one field', () => {
    const used = census({
      testCaseAttributes: { labels: ['smoke'], components: [], owners: false, estimatedTime: false },
      testCaseFields: [{ name: 'labels', kinds: ['list'], values: ['Smoke', 'api'], manyValues: false }],
    });
    const changes = planFieldChanges(used, withMarkerFields(qtestSettings()), create);
    expect(changes).toEqual([
      {
        kind: 'field',
        objectType: 'test-cases',
        label: 'Labels',
        dataType: 17,
        multiple: true,
        allowedValues: ['smoke', 'api'],
      },
    ]);
  });

  it('plans nothing at all when fields may not be created', () => {
    const used = census({ environments: ['Chrome'] });
    expect(planFieldChanges(used, qtestSettings(), { mapping: {}, createFields: false })).toEqual([]);
  });
});
