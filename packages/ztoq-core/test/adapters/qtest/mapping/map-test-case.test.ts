import { describe, expect, it } from 'vitest';
import { createQTestMapper } from '../../../../src/adapters/qtest/mapping/index.js';
import type { TestCaseBody } from '../../../../src/adapters/qtest/qtest-entities.js';
import type { PlannedEntity } from '../../../../src/ports/target.js';
import { lookups, testCase } from './fixtures.js';
import { MAPPING, mapperContext } from './mapper-context.js';

const mapper = (targetRoot = 'Zephyr DEMO') =>
  createQTestMapper(mapperContext(), { projectKey: 'DEMO', mapping: MAPPING, targetRoot });

async function planCase(
  overrides: Parameters<typeof testCase>[0],
  targetRoot?: string,
): Promise<PlannedEntity> {
  const planned = await mapper(targetRoot).map('test-case', testCase(overrides), lookups());
  expect(planned).toHaveLength(1);
  return planned[0]!;
}
const bodyOf = (planned: PlannedEntity) => planned.body as unknown as TestCaseBody;

describe("map('test-case')", () => {
  it('plans a minimal case in the root module with its marker, priority, status and defaults', async () => {
    expect(await planCase({})).toEqual({
      type: 'test-case',
      sourceId: 'DEMO-T000000000001',
      refs: { parent: { type: 'module', sourceId: 'root' } },
      body: {
        name: 'Login works',
        description: '',
        precondition: '',
        properties: [
          { field_id: 20, field_value: 'DEMO-T1' },
          { field_id: 12, field_value: '1202' },
          { field_id: 10, field_value: '1003' },
          // fieldDefaults: Type = Automation.
          { field_id: 11, field_value: '1102' },
        ],
        test_steps: [],
      },
      marker: { zephyrKey: 'DEMO-T1' },
      lossy: [],
      label: 'DEMO-T1 Login works',
    });
  });

  it("goes into its folder's module, or to the top level without a root", async () => {
    expect((await planCase({ folderId: '32' })).refs).toEqual({
      parent: { type: 'module', sourceId: 'folder-000000000032' },
    });
    expect((await planCase({}, '')).refs).toEqual({});
  });

  it('carries attributes and custom fields in their encodings', async () => {
    const planned = await planCase({
      labels: ['smoke', 'ログイン'],
      componentId: '10001',
      ownerId: 'acc-ada',
      estimatedTimeMs: 90_000,
      customFields: {
        'Story Points': 5,
        備考: 'first line<br>second line',
        Regulatory: true,
        'Last Reviewed': '2025-03-04',
        Platforms: ['iOS', 'Web'],
        'Test Type': 'Functional',
        Unset: null,
      },
    });
    expect(bodyOf(planned).properties.slice(3)).toEqual([
      { field_id: 50, field_value: '[5001,5002]' },
      { field_id: 51, field_value: '10001' },
      { field_id: 52, field_value: 'ada@example.test' },
      { field_id: 53, field_value: '1.5' },
      { field_id: 54, field_value: '5' },
      { field_id: 55, field_value: 'first line\nsecond line' },
      { field_id: 56, field_value: '5601' },
      { field_id: 57, field_value: '2025-03-04T00:00:00.000Z' },
      { field_id: 58, field_value: '[5802,5801]' },
      { field_id: 59, field_value: 'Functional' },
      { field_id: 11, field_value: '1102' },
    ]);
    expect(planned.lossy).toEqual([]);
  });

  it('reports what it cannot carry: unmapped owner, unknown values, fields left out', async () => {
    const planned = await planCase({
      ownerId: 'acc-bob',
      labels: ['smoke', 'nightly'],
      priorityId: '13',
      customFields: { Platforms: ['Android'], Secret: 'x', 'Never seen': 'y', 'Story Points': 'many' },
    });
    expect(bodyOf(planned).properties).toContainEqual({ field_id: 52, field_value: 'acc-bob' });
    expect(bodyOf(planned).properties).toContainEqual({ field_id: 50, field_value: '[5001]' });
    expect(planned.lossy).toEqual([
      { kind: 'unmapped-value', message: 'priority "Someday" has no qTest value; qTest\'s default applies' },
      { kind: 'unmapped-value', message: 'labels: "nightly" is not an allowed value of the qTest field' },
      {
        kind: 'unmapped-user',
        message: 'owner acc-bob has no qTest user in the mapping file; kept as the account id',
      },
      {
        kind: 'unmapped-value',
        message: 'custom field "Platforms": "Android" is not an allowed value of the qTest field',
      },
      { kind: 'unmapped-value', message: 'custom field "Secret" not carried: no qTest field holds it' },
      { kind: 'unmapped-value', message: 'custom field "Never seen" not carried: no qTest field holds it' },
      { kind: 'unmapped-value', message: 'custom field "Story Points": "many" is not a number' },
    ]);
  });

  it('keeps the objective HTML and lists links as escaped HTML', async () => {
    const planned = await planCase({
      name: '<script>alert(1)</script>',
      objective: '<p><b>Fish &amp; chips</b></p>',
      precondition: 'Logged <i>out</i>',
      links: {
        issues: [
          { issueId: '10001', kind: 'coverage' },
          { issueId: '10002', url: 'https://jira.example/browse/X?a=1&b="2"', kind: 'blocks' },
        ],
        webLinks: [
          { url: 'https://例え.jp/仕様', description: '仕様書 <draft>', kind: 'related' },
          { url: 'https://specs.example.org/1', kind: 'coverage' },
        ],
      },
    });
    const body = bodyOf(planned);
    expect(body.name).toBe('<script>alert(1)</script>');
    expect(body.precondition).toBe('Logged <i>out</i>');
    expect(body.description).toBe(
      '<p><b>Fish &amp; chips</b></p>' +
        '<p>Issue links:</p><ul><li>Jira issue 10001 (coverage)</li>' +
        '<li><a href="https://jira.example/browse/X?a=1&amp;b=&quot;2&quot;">Jira issue 10002</a> (blocks)</li></ul>' +
        '<p>Web links:</p><ul><li><a href="https://例え.jp/仕様">仕様書 &lt;draft&gt;</a> (related)</li>' +
        '<li><a href="https://specs.example.org/1">https://specs.example.org/1</a> (coverage)</li></ul>',
    );
    expect(planned.label).toBe('DEMO-T1 <script>alert(1)</script>');
  });

  it('turns inline steps into ordered steps with test data and step fields in the description', async () => {
    const planned = await planCase({
      content: {
        kind: 'steps',
        steps: [
          {
            kind: 'inline',
            description: 'Open <b>login</b> 🚀',
            testData: 'username: ada<br>password: x',
            expectedResult: 'Form shown',
            customFields: { 'Step Kind': 'Setup', 'Needs Screenshot': true, 'Step <Owner>': null },
          },
          { kind: 'inline', testData: '{&quot;amount&quot;: 12}' },
          { kind: 'inline' },
        ],
      },
    });
    expect(bodyOf(planned).test_steps).toEqual([
      {
        description:
          'Open <b>login</b> 🚀<br>Test data:<br>username: ada<br>password: x<br>Step Kind: Setup<br>Needs Screenshot: Yes',
        expected: 'Form shown',
        order: 1,
      },
      { description: 'Test data:<br>{&quot;amount&quot;: 12}', expected: '', order: 2 },
      { description: '', expected: '', order: 3 },
    ]);
  });

  it('turns plain and BDD scripts into one step with escaped text and kept lines', async () => {
    const script = 'Given a user "ada"\nWhen she logs in & waits\n  | user | 山田 |\nThen <ok>';
    for (const kind of ['plain', 'bdd'] as const) {
      const planned = await planCase({ content: { kind, text: script } });
      expect(bodyOf(planned).test_steps).toEqual([
        {
          description:
            'Given a user &quot;ada&quot;<br>When she logs in &amp; waits<br>  | user | 山田 |<br>Then &lt;ok&gt;',
          expected: '',
          order: 1,
        },
      ]);
    }
  });

  it('notes older versions and image or file references', async () => {
    const planned = await planCase({
      version: 3,
      versionCount: 3,
      objective:
        '<img src="https://cdn.example.com/1.png" alt="x"> <a href="https://jira.example/secure/attachment/1/log">log</a>',
      precondition: '<a href="https://docs.example.com/search?q=1&amp;lang=en">a page, not a file</a>',
      content: {
        kind: 'steps',
        steps: [
          { kind: 'inline', description: '<IMG src="a.gif">', expectedResult: '<a href="spec.PDF">spec</a>' },
        ],
      },
    });
    expect(planned.lossy).toEqual([
      { kind: 'older-versions', message: '2 older version(s) not carried; qTest holds version 3', count: 2 },
      {
        kind: 'attachment-reference',
        message: '4 image or file reference(s) in the texts point to the source, not to qTest attachments',
        count: 4,
      },
    ]);
  });

  it('shows a mapped user in a user field as the qTest username in step field lines', async () => {
    const planned = await planCase({
      content: {
        kind: 'steps',
        steps: [{ kind: 'inline', customFields: { Reviewer: 'acc-ada', Other: 'acc-bob' } }],
      },
    });
    expect(bodyOf(planned).test_steps[0]?.description).toBe('Reviewer: ada@example.test<br>Other: acc-bob');
  });
});
