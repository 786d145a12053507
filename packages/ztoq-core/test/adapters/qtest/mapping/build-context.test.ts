import { describe, expect, it } from 'vitest';
import {
  buildQTestContext,
  planFieldChanges,
  withPlannedChanges,
} from '../../../../src/adapters/qtest/mapping/index.js';
import type { MappingFile } from '../../../../src/model/mapping-file.js';
import { census, field, qtestSettings, withMarkerFields } from './fixtures.js';

const build = (mapping: MappingFile = {}, used = census(), settings = withMarkerFields(qtestSettings())) =>
  buildQTestContext(used, settings, { mapping, createFields: true });

describe('buildQTestContext: test-case priority and status', () => {
  it('matches exactly, then without case, then by the default meaning', () => {
    const used = census({
      testCasePriorities: [
        'High',
        'low',
        'Normal',
        'Critical',
        'Blocker',
        'Highest',
        'Major',
        'Minor',
        'Trivial',
        'Lowest',
      ],
      testCaseStatuses: ['Approved', 'draft', 'Deprecated'],
    });
    const { context, problems } = build({}, used);
    expect(problems).toEqual([]);
    expect(context.priorityField.fieldId).toBe(12);
    expect(context.testCasePriority).toEqual({
      High: 1202,
      low: 1204,
      Normal: 1203,
      Critical: 1201,
      Blocker: 1201,
      Highest: 1201,
      Major: 1202,
      Minor: 1204,
      Trivial: 1204,
      Lowest: 1204,
    });
    expect(context.statusField.fieldId).toBe(10);
    expect(context.testCaseStatus).toEqual({ Approved: 1003, draft: 1001, Deprecated: 1004 });
  });

  it('prefers the exact spelling when qTest has a name in two cases', () => {
    const settings = withMarkerFields(qtestSettings());
    settings.fields['test-cases'][2] = field(12, 'Priority', 3, ['HIGH', 'High'], { systemField: true });
    const { context } = build({}, census({ testCasePriorities: ['High'] }), settings);
    expect(context.testCasePriority).toEqual({ High: 1202 });
  });

  it('takes the mapping file for names qTest lacks, its value matched without case', () => {
    const used = census({ testCasePriorities: ['P1'], testCaseStatuses: ['Needs Work'] });
    const { context, problems } = build(
      { testCasePriority: { P1: 'urgent' }, testCaseStatus: { 'Needs Work': 'In Review' } },
      used,
    );
    expect(problems).toEqual([]);
    expect(context.testCasePriority).toEqual({ P1: 1201 });
    expect(context.testCaseStatus).toEqual({ 'Needs Work': 1002 });
  });

  it('reports each unmappable name once, naming the mapping-file key and the choices', () => {
    const used = census({ testCasePriorities: ['P1'], testCaseStatuses: ['Needs Work'] });
    const { problems } = build({}, used);
    expect(problems).toEqual([
      {
        kind: 'testCasePriority',
        value: 'P1',
        mappingKey: 'testCasePriority["P1"]',
        message: expect.stringContaining('one of: Urgent, High, Medium, Low'),
      },
      {
        kind: 'testCaseStatus',
        value: 'Needs Work',
        mappingKey: 'testCaseStatus["Needs Work"]',
        message: expect.stringContaining('set testCaseStatus["Needs Work"] in the mapping file'),
      },
    ]);
  });

  it('reports a mapping-file value qTest does not have, once, even when the name is unused', () => {
    const used = census({ testCasePriorities: ['P1'] });
    const { problems } = build({ testCasePriority: { P1: 'Asap', Unused: 'Nope' } }, used);
    expect(problems.map((problem) => [problem.kind, problem.value, problem.mappingKey])).toEqual([
      ['testCasePriority', 'P1', 'testCasePriority["P1"]'],
      ['testCasePriority', 'Unused', 'testCasePriority["Unused"]'],
    ]);
    expect(problems[0]?.message).toContain('"Asap", which qTest does not have');
  });

  it('reports a missing Priority field once instead of every priority', () => {
    const settings = withMarkerFields(qtestSettings());
    settings.fields['test-cases'] = settings.fields['test-cases'].filter(
      (candidate) => candidate.label !== 'Priority',
    );
    const { context, problems } = build({ testCasePriority: { High: 'Nope' } }, census(), settings);
    expect(problems).toEqual([
      {
        kind: 'systemField',
        value: 'Priority',
        message: expect.stringContaining('no test-cases field "Priority"'),
      },
    ]);
    expect(context.testCasePriority).toEqual({});
  });

  it('prefers the system field when a custom field has the same label', () => {
    const settings = withMarkerFields(qtestSettings());
    settings.fields['test-cases'].unshift(field(99, 'priority', 1));
    expect(build({}, census(), settings).context.priorityField.fieldId).toBe(12);
  });
});

describe('buildQTestContext: execution statuses', () => {
  it('maps Zephyr defaults and the mapping file, and names the key for the rest', () => {
    const used = census({
      executionStatuses: [
        'Pass',
        'Fail',
        'Blocked',
        'In Progress',
        'Not Executed',
        'passed',
        'Retest',
        'Skipped',
      ],
    });
    const { context, problems } = build({ executionStatus: { Skipped: 'unexecuted' } }, used);
    expect(context.executionStatus).toEqual({
      Pass: 601,
      Fail: 602,
      Blocked: 604,
      'In Progress': 603,
      'Not Executed': 605,
      passed: 601,
      Skipped: 605,
    });
    expect(problems).toEqual([
      {
        kind: 'executionStatus',
        value: 'Retest',
        mappingKey: 'executionStatus["Retest"]',
        message:
          'Zephyr execution status "Retest" has no counterpart in qTest; set executionStatus["Retest"] in the mapping file to one of: Passed, Failed, Incomplete, Blocked, Unexecuted.',
      },
    ]);
  });

  it('does not mistake a name like "constructor" for a default', () => {
    const { problems } = build({}, census({ executionStatuses: ['constructor'] }));
    expect(problems.map((problem) => problem.mappingKey)).toEqual(['executionStatus["constructor"]']);
  });
});

describe('buildQTestContext: users', () => {
  it('maps usernames, e-mails and ids, and leaves unmapped users out without a problem', () => {
    const used = census({ users: ['acc-ada', 'acc-tom', 'acc-id', 'acc-text-id', 'acc-unmapped'] });
    const mapping = {
      users: {
        'acc-ada': 'ADA@example.test',
        'acc-tom': 'tom.tester@example.test',
        'acc-id': 8,
        'acc-text-id': '7',
      },
    };
    const { context, problems } = build(mapping, used);
    expect(problems).toEqual([]);
    expect(context.users_map).toEqual({ 'acc-ada': 7, 'acc-tom': 8, 'acc-id': 8, 'acc-text-id': 7 });
  });

  it('reports a mapping entry naming nobody, for users the source uses only', () => {
    const used = census({ users: ['acc-ghost'] });
    const { context, problems } = build({ users: { 'acc-ghost': 'ghost', 'acc-elsewhere': 'nobody' } }, used);
    expect(context.users_map).toEqual({});
    expect(problems).toEqual([
      {
        kind: 'user',
        value: 'acc-ghost',
        mappingKey: 'users["acc-ghost"]',
        message: expect.stringContaining('"ghost", which is no user of the qTest project'),
      },
    ]);
  });
});

describe('buildQTestContext: fields', () => {
  it('reports a missing Zephyr Key marker field when fields were not created', () => {
    const { context, problems } = buildQTestContext(census(), qtestSettings(), {
      mapping: {},
      createFields: false,
    });
    expect(problems.map((problem) => [problem.kind, problem.value])).toEqual([
      ['markerField', 'Zephyr Key'],
      ['markerField', 'Zephyr Key'],
    ]);
    expect(problems[0]?.message).toContain('--no-create-fields');
    expect(problems[1]?.message).toContain('releases');
    expect(context.zephyrKeyField).toEqual({ 'test-cases': 0, releases: 0 });
  });

  it('reports a Zephyr Key field that cannot hold text', () => {
    const settings = qtestSettings({
      'test-cases': [field(20, 'Zephyr Key', 7)],
      releases: [field(40, 'Zephyr Key', 1)],
    });
    const { context, problems } = build({}, census(), settings);
    expect(problems).toEqual([
      {
        kind: 'markerField',
        value: 'Zephyr Key',
        message: expect.stringContaining('not a text field (data type 7)'),
      },
    ]);
    expect(context.zephyrKeyField.releases).toBe(40);
  });

  it('leaves fields that were not created null, for the mapper to report lossy', () => {
    const used = census({
      environments: ['Chrome'],
      testCaseAttributes: { labels: ['smoke'], components: ['1'], owners: true, estimatedTime: true },
      testCaseFields: [{ name: 'Story Points', kinds: ['number'], values: [], manyValues: false }],
    });
    const { context, problems } = buildQTestContext(used, withMarkerFields(qtestSettings()), {
      mapping: {},
      createFields: false,
    });
    expect(problems).toEqual([]);
    expect(context.environmentField).toBeNull();
    expect(context.attributeFields).toEqual({
      labels: null,
      component: null,
      owner: null,
      estimatedTime: null,
    });
    expect(context.customFields).toEqual({ 'Story Points': null });
  });

  it('finds every field a dry run plans, with its placeholder ids', () => {
    const used = census({
      environments: ['Chrome'],
      testCaseAttributes: { labels: ['smoke'], components: ['1'], owners: true, estimatedTime: true },
      testCaseFields: [
        { name: 'Story Points', kinds: ['number'], values: [], manyValues: false },
        { name: 'Renamed', kinds: ['text'], values: [], manyValues: false },
        { name: 'Dropped', kinds: ['text'], values: [], manyValues: false },
      ],
    });
    const mapping = { testCaseFields: { Renamed: 'Other name', Dropped: null } };
    const options = { mapping, createFields: true };
    const settings = withPlannedChanges(qtestSettings(), planFieldChanges(used, qtestSettings(), options));
    const { context, problems } = buildQTestContext(used, settings, options);
    expect(problems).toEqual([]);
    expect(context.zephyrKeyField['test-cases']).toBeLessThan(0);
    expect(context.environmentField).toMatchObject({ dataType: 3, allowedValues: [{ label: 'Chrome' }] });
    expect(context.attributeFields.labels).toMatchObject({
      dataType: 17,
      allowedValues: [{ label: 'smoke' }],
    });
    expect(context.attributeFields.estimatedTime?.dataType).toBe(7);
    expect(context.customFields['Story Points']?.dataType).toBe(7);
    const renamed = settings.fields['test-cases'].find((candidate) => candidate.label === 'Other name');
    expect(context.customFields.Renamed?.fieldId).toBe(renamed?.id);
    expect(context.customFields.Dropped).toBeNull();
  });

  it('has no environment field when no execution has an environment', () => {
    const settings = withMarkerFields(
      qtestSettings({ 'test-runs': [field(60, 'Environment', 3, ['Chrome'])] }),
    );
    expect(build({}, census(), settings).context.environmentField).toBeNull();
    expect(build({}, census({ environments: ['Chrome'] }), settings).context.environmentField?.fieldId).toBe(
      60,
    );
  });
});

describe('buildQTestContext: required fields', () => {
  const required = (
    id: number,
    label: string,
    dataType: number,
    values: string[] = [],
    defaultValue?: string,
  ) =>
    field(id, label, dataType, values, {
      required: true,
      ...(defaultValue === undefined ? {} : { defaultValue }),
    });

  it('needs nothing for required fields the mapping fills or that have a default value', () => {
    const settings = withMarkerFields(qtestSettings({ 'test-cases': [required(70, 'Team', 1, [], 'QA')] }));
    for (const candidate of settings.fields['test-cases']) {
      if (['Priority', 'Status', 'Zephyr Key'].includes(candidate.label)) candidate.required = true;
    }
    expect(build({}, census(), settings).problems).toEqual([]);
  });

  it('reports each required field without a value, naming its fieldDefaults key', () => {
    const settings = withMarkerFields(
      qtestSettings({
        'test-cases': [required(70, 'Team', 1)],
        'test-runs': [required(71, 'Build', 1)],
        releases: [required(72, 'Owner Group', 3, ['Core'])],
      }),
    );
    const { problems } = build({}, census(), settings);
    expect(problems.map((problem) => [problem.kind, problem.value, problem.mappingKey])).toEqual([
      ['requiredField', 'Team', 'fieldDefaults["test-cases"]["Team"]'],
      ['requiredField', 'Build', 'fieldDefaults["test-runs"]["Build"]'],
      ['requiredField', 'Owner Group', 'fieldDefaults["releases"]["Owner Group"]'],
    ]);
  });

  it('counts a field the mapping fills only sometimes (labels) as unfilled', () => {
    const settings = withMarkerFields(
      qtestSettings({ 'test-cases': [required(50, 'Labels', 17, ['smoke'])] }),
    );
    const used = census({
      testCaseAttributes: { labels: ['smoke'], components: [], owners: false, estimatedTime: false },
    });
    expect(build({}, used, settings).problems.map((problem) => problem.mappingKey)).toEqual([
      'fieldDefaults["test-cases"]["Labels"]',
    ]);
  });

  it('encodes fieldDefaults values for the field type, labels and ids alike', () => {
    const settings = withMarkerFields(
      qtestSettings({
        'test-cases': [
          required(70, 'Team', 1),
          required(71, 'Area', 3, ['Core', 'Edge']),
          required(72, 'Platforms', 17, ['Web', 'API']),
          required(73, 'Reviewer', 5),
          required(74, 'Since', 4),
        ],
        'test-runs': [required(75, 'Browser', 3, ['Chrome'])],
        releases: [required(76, 'Budget', 7)],
      }),
    );
    const mapping = {
      fieldDefaults: {
        'test-cases': {
          team: 'QA',
          Area: 'edge',
          Platforms: '7202',
          Reviewer: 'tom',
          Since: '2024-01-31',
          Type: 'Manual',
        },
        'test-runs': { Browser: 'Chrome' },
        releases: { Budget: '12.5' },
      },
    };
    const { context, problems } = build(mapping, census(), settings);
    expect(problems).toEqual([]);
    expect(context.fieldDefaults).toEqual({
      'test-cases': [
        { fieldId: 70, value: 'QA' },
        { fieldId: 71, value: '7102' },
        { fieldId: 72, value: '[7202]' },
        { fieldId: 73, value: '8' },
        { fieldId: 74, value: '2024-01-31T00:00:00.000Z' },
        { fieldId: 11, value: '1101' },
      ],
      'test-runs': [{ fieldId: 75, value: '7501' }],
      releases: [{ fieldId: 76, value: '12.5' }],
    });
  });

  it('reports fieldDefaults that name no field, an unknown object type or a value the field refuses', () => {
    const settings = withMarkerFields(qtestSettings({ 'test-cases': [required(71, 'Area', 3, ['Core'])] }));
    const mapping = {
      fieldDefaults: {
        'test-cases': { Area: 'Outer space', Nonexistent: 'x', Assigned: 'x', 'Assigned To': 'nobody' },
        'test-steps': { Kind: 'x' },
      },
    };
    const { problems } = build(mapping, census(), settings);
    expect(problems.map((problem) => [problem.kind, problem.mappingKey])).toEqual([
      ['fieldDefault', 'fieldDefaults["test-steps"]'],
      ['fieldDefault', 'fieldDefaults["test-cases"]["Area"]'],
      ['fieldDefault', 'fieldDefaults["test-cases"]["Nonexistent"]'],
      ['fieldDefault', 'fieldDefaults["test-cases"]["Assigned"]'],
      ['fieldDefault', 'fieldDefaults["test-cases"]["Assigned To"]'],
      // The refused value does not count as given, so the required field is still empty.
      ['requiredField', 'fieldDefaults["test-cases"]["Area"]'],
    ]);
    expect(problems[1]?.message).toContain('use one of: Core');
  });
});
