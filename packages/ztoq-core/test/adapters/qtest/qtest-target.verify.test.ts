/** verify reads back and names each way qTest differs from the plan. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestCaseBody } from '../../../src/adapters/qtest/index.js';
import type { LoadedEntity } from '../../../src/ports/target.js';
import {
  MARKER_FIELDS,
  PROJECT_ID,
  READY_TOKEN,
  resolved,
  type Site,
  startSite,
} from './qtest-target-support.js';

let site: Site;
let testCase: LoadedEntity;
let body: TestCaseBody;
beforeAll(async () => {
  site = await startSite({ projects: [{ customFields: MARKER_FIELDS }] });
  body = {
    name: 'Log in',
    description: 'With a password',
    precondition: '',
    properties: [{ field_id: site.fieldId('test-cases', 'Zephyr Key'), field_value: 'DEMO-T1' }],
    test_steps: [
      { description: 'Open the login page', expected: 'A form', order: 1 },
      { description: 'Submit', expected: 'Logged in', order: 2 },
    ],
  };
  const entity = resolved('test-case', 'DEMO-T000001', body, { zephyrKey: 'DEMO-T1' });
  const created = await site.target.create(entity);
  testCase = { ...entity, targetId: created.targetId, data: created.data ?? null };
});
afterAll(() => site.close());

describe('verify', () => {
  it('lists a step added in qTest after the load', async () => {
    const added = await fetch(
      `${site.sim.baseUrl}/api/v3/projects/${PROJECT_ID}/test-cases/${testCase.targetId}/test-steps`,
      {
        method: 'POST',
        headers: { authorization: `bearer ${READY_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ description: 'Log out', expected: 'Logged out' }),
      },
    );
    expect(added.status).toBe(200);

    expect(await site.target.verify(testCase)).toEqual({ exists: true, differences: ['step count: 2 ≠ 3'] });
  });

  it('names each field, property and step text that differs, planned first', async () => {
    const planned: TestCaseBody = {
      ...body,
      name: 'Sign in',
      properties: [{ field_id: site.fieldId('test-cases', 'Zephyr Key'), field_value: 'DEMO-T2' }],
      test_steps: [
        { description: 'Open the login page', expected: 'A form\n', order: 1 },
        { description: 'Submit', expected: 'Logged in', order: 2 },
        { description: 'Log out', expected: 'Logged out', order: 3 },
      ],
    };

    const verification = await site.target.verify({ ...testCase, body: planned as never });

    expect(verification.differences).toEqual([
      'name: "Sign in" ≠ "Log in"',
      'property Zephyr Key: "DEMO-T2" ≠ "DEMO-T1"',
      'step 1 expected result: "A form\\n" ≠ "A form"',
    ]);
  });

  it('reports an entity qTest does not have', async () => {
    for (const type of ['module', 'test-case', 'release', 'test-cycle', 'test-run']) {
      const missing = { ...testCase, type, targetId: '987654321' };
      expect(await site.target.verify(missing)).toEqual({
        exists: false,
        differences: ['not found in qTest'],
      });
    }
  });
});
