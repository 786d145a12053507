import { describe, expect, it } from 'vitest';
import { createQTestMapper } from '../../../../src/adapters/qtest/mapping/index.js';
import { lookups, testCycle, testPlan } from './fixtures.js';
import { MAPPING, mapperContext } from './mapper-context.js';

const mapper = (targetRoot = 'Zephyr DEMO') =>
  createQTestMapper(mapperContext(), { projectKey: 'DEMO', mapping: MAPPING, targetRoot });

describe("map('test-plan')", () => {
  it('plans a release with the key as marker and everything else as description lines', async () => {
    const plan = testPlan({
      objective: '<p>Ship it</p>',
      folderId: '35',
      ownerId: 'acc-ada',
      labels: ['q1', '中国'],
      customFields: {
        Quarter: 'Q1',
        'Sign-off By': 'acc-ada',
        Regions: ['EMEA', 'APAC'],
        Empty: null,
        Scope: 'a<br>b',
      },
      links: {
        issues: [{ issueId: '10001', kind: 'coverage', url: 'https://jira.example/browse/X-1' }],
        webLinks: [{ url: 'https://wiki.example.com/p', description: 'Wiki', kind: 'related' }],
      },
    });
    expect(await mapper().map('test-plan', plan, lookups())).toEqual([
      {
        type: 'release',
        sourceId: 'DEMO-P000000000001',
        refs: {},
        body: {
          name: 'Release 1.0',
          description: [
            'Zephyr key: DEMO-P1',
            'Status: Approved',
            'Owner: ada@example.test',
            'Objective: <p>Ship it</p>',
            'Folder: Plans 2025',
            'Labels: q1, 中国',
            'Quarter: Q1',
            'Sign-off By: ada@example.test',
            'Regions: EMEA, APAC',
            'Scope: a\nb',
            'Jira issue 10001 (coverage): https://jira.example/browse/X-1',
            'Web link (related): Wiki <https://wiki.example.com/p>',
          ].join('\n'),
          properties: [
            { field_id: 40, field_value: 'DEMO-P1' },
            { field_id: 62, field_value: '10' },
          ],
        },
        marker: { zephyrKey: 'DEMO-P1' },
        lossy: [],
        label: 'DEMO-P1 Release 1.0',
      },
    ]);
  });

  it('notes an unmapped owner and images in the objective', async () => {
    const plan = testPlan({ ownerId: 'acc-bob', objective: '<img src="x.png">' });
    const [release] = await mapper().map('test-plan', plan, lookups());
    expect(release?.lossy).toEqual([
      {
        kind: 'unmapped-user',
        message: 'owner acc-bob has no qTest user in the mapping file; kept as the account id',
      },
      {
        kind: 'attachment-reference',
        message: '1 image or file reference(s) in the objective point to the source',
        count: 1,
      },
    ]);
    expect((release!.body as { description: string }).description).toContain('Owner: acc-bob');
  });
});

describe("map('test-cycle')", () => {
  const plans = [testPlan({ id: 'p1', key: 'DEMO-P7' }), testPlan({ id: 'p2', key: 'DEMO-P2' })];

  it("plans a cycle in its folder's cycle with its marker first, details after and the first plan as release", async () => {
    const cycle = testCycle({
      folderId: '34',
      ownerId: 'acc-bob',
      plannedStartDate: '2025-01-06T09:00:00Z',
      plannedEndDate: '2025-01-10T17:00:00Z',
      releaseVersionId: '10200',
      description: '<p>Nightly <b>smoke</b></p>',
      customFields: { Build: '1.2.3', Hotfix: false, 'Release Manager': 'acc-ada' },
      links: { issues: [{ issueId: '10009', kind: 'related' }], webLinks: [] },
      testPlanIds: ['p1', 'p2', 'p404'],
    });
    expect(await mapper().map('test-cycle', cycle, lookups({ plans }))).toEqual([
      {
        type: 'test-cycle',
        sourceId: 'DEMO-R000000000001',
        level: 3,
        refs: {
          parent: { type: 'test-cycle', sourceId: 'folder-000000000034' },
          release: { type: 'release', sourceId: 'DEMO-P000000000007' },
        },
        body: {
          name: 'Smoke',
          description: [
            'Zephyr key: DEMO-R1',
            'Status: In Progress',
            'Owner: acc-bob',
            'Planned start: 2025-01-06T09:00:00Z',
            'Planned end: 2025-01-10T17:00:00Z',
            'Jira version: 10200',
            'Build: 1.2.3',
            'Hotfix: No',
            'Release Manager: ada@example.test',
            'Jira issue 10009 (related)',
            'Test plans: DEMO-P7, DEMO-P2, plan p404',
            '',
            '<p>Nightly <b>smoke</b></p>',
          ].join('\n'),
        },
        marker: { line: 'Zephyr key: DEMO-R1' },
        lossy: [
          {
            kind: 'unmapped-user',
            message: 'owner acc-bob has no qTest user in the mapping file; kept as the account id',
          },
        ],
        label: 'DEMO-R1 Smoke',
      },
    ]);
  });

  it('goes under the root cycle without a folder, or to the top level without a root', async () => {
    const [inRoot] = await mapper().map('test-cycle', testCycle(), lookups());
    expect(inRoot).toMatchObject({ level: 1, refs: { parent: { type: 'test-cycle', sourceId: 'root' } } });
    const [top] = await mapper('').map('test-cycle', testCycle(), lookups());
    expect(top).toMatchObject({ level: 0, refs: {} });
    const [inFolder] = await mapper('').map('test-cycle', testCycle({ folderId: '33' }), lookups());
    expect(inFolder).toMatchObject({ level: 1, refs: { parent: { sourceId: 'folder-000000000033' } } });
  });

  it('has no release without a linked plan', async () => {
    const [planned] = await mapper().map('test-cycle', testCycle(), lookups());
    expect(planned?.refs.release).toBeUndefined();
    expect((planned!.body as { description: string }).description).toBe(
      'Zephyr key: DEMO-R1\nStatus: In Progress',
    );
  });
});
