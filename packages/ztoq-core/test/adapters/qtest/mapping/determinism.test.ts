import { describe, expect, it } from 'vitest';
import { createQTestMapper } from '../../../../src/adapters/qtest/mapping/index.js';
import type { CanonicalTestCase } from '../../../../src/model/canonical.js';
import { execution, FOLDERS, lookups, testCase, testCycle, testPlan } from './fixtures.js';
import { MAPPING, mapperContext } from './mapper-context.js';

/** Every kind of entity once, with the generator's hard cases: HTML, hostile names, calls. */
async function planEverything(): Promise<unknown[]> {
  const callee: CanonicalTestCase = testCase({
    key: 'DEMO-T1',
    content: { kind: 'steps', steps: [{ kind: 'inline', description: 'Log in as {username}' }] },
  });
  const caller = testCase({
    key: 'DEMO-T3',
    name: '<script>alert(1)</script>',
    objective: '<p>שלום <img src="x.png"></p>',
    labels: ['ログイン'],
    ownerId: 'acc-bob',
    versionCount: 2,
    version: 2,
    customFields: { Platforms: ['Web'], 備考: 'a<br>b' },
    content: {
      kind: 'steps',
      steps: [{ kind: 'call', testCaseKey: 'DEMO-T1', parameters: [{ name: 'username', value: 'alice' }] }],
    },
  });
  const cycle = testCycle({ testPlanIds: ['2001'], customFields: { Sprint: 'Sprint 1' } });
  const reads = lookups({ testCases: [callee, caller], cycles: [cycle], plans: [testPlan()] });
  const mapper = createQTestMapper(mapperContext(), {
    projectKey: 'DEMO',
    mapping: MAPPING,
    targetRoot: 'Zephyr',
  });
  const planned: unknown[] = [mapper.containers()];
  for (const folder of FOLDERS) planned.push(await mapper.map('folder', folder, reads));
  planned.push(await mapper.map('test-case', caller, reads));
  planned.push(await mapper.map('test-plan', testPlan(), reads));
  planned.push(await mapper.map('test-cycle', cycle, reads));
  planned.push(
    await mapper.map(
      'test-execution',
      execution({
        testCaseKey: 'DEMO-T3',
        actualEndDate: '2025-02-03T10:00:00Z',
        executionTimeMs: 1000,
        stepResults: [{ statusId: '3' }],
      }),
      reads,
    ),
  );
  return planned;
}

describe('determinism', () => {
  it('plans byte-identical JSON for the same input, whatever the clock says', async () => {
    const first = JSON.stringify(await planEverything());
    const realNow = Date.now;
    Date.now = () => realNow() + 86_400_000;
    try {
      expect(JSON.stringify(await planEverything())).toBe(first);
    } finally {
      Date.now = realNow;
    }
  });

  it('plans bodies and markers that survive a JSON round trip unchanged', async () => {
    const planned = await planEverything();
    expect(JSON.parse(JSON.stringify(planned))).toEqual(planned);
  });
});
