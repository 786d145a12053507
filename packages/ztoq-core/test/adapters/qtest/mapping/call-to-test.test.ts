import { describe, expect, it } from 'vitest';
import { createQTestMapper } from '../../../../src/adapters/qtest/mapping/index.js';
import type { TestCaseBody } from '../../../../src/adapters/qtest/qtest-entities.js';
import type { CanonicalStep, CanonicalTestCase } from '../../../../src/model/canonical.js';
import { lookups, testCase } from './fixtures.js';
import { MAPPING, mapperContext } from './mapper-context.js';

const mapper = () =>
  createQTestMapper(mapperContext(), { projectKey: 'DEMO', mapping: MAPPING, targetRoot: 'R' });
const withSteps = (key: string, steps: CanonicalStep[]): CanonicalTestCase =>
  testCase({ key, name: `Case ${key}`, content: { kind: 'steps', steps } });
const call = (testCaseKey: string, parameters: Record<string, string> = {}): CanonicalStep => ({
  kind: 'call',
  testCaseKey,
  parameters: Object.entries(parameters).map(([name, value]) => ({ name, value })),
});
const inline = (description: string, expectedResult?: string): CanonicalStep => ({
  kind: 'inline',
  description,
  ...(expectedResult === undefined ? {} : { expectedResult }),
});

async function plan(root: CanonicalTestCase, others: CanonicalTestCase[]) {
  const [planned] = await mapper().map('test-case', root, lookups({ testCases: others }));
  return { body: planned!.body as unknown as TestCaseBody, lossy: planned!.lossy };
}

describe('call-to-test expansion', () => {
  const login = withSteps('DEMO-T1', [
    inline('Log in as {username}', 'Welcome {username}'),
    { kind: 'inline', description: 'Pick {locale}', testData: 'locale={locale}' },
  ]);

  it('replaces a call by the called steps in place, with parameter values escaped into the HTML', async () => {
    const caller = withSteps('DEMO-T3', [
      inline('Open the app'),
      call('DEMO-T1', { username: 'o<brien>&co', locale: 'he-IL' }),
      inline('Log out'),
    ]);
    const { body, lossy } = await plan(caller, [login]);
    expect(body.test_steps).toEqual([
      { description: 'Open the app', expected: '', order: 1 },
      { description: 'Log in as o&lt;brien&gt;&amp;co', expected: 'Welcome o&lt;brien&gt;&amp;co', order: 2 },
      { description: 'Pick he-IL<br>Test data:<br>locale=he-IL', expected: '', order: 3 },
      { description: 'Log out', expected: '', order: 4 },
    ]);
    expect(lossy).toEqual([
      {
        kind: 'call-to-test-expanded',
        message: "1 call-to-test step(s) replaced by the called cases' steps (DEMO-T1)",
        count: 1,
      },
    ]);
  });

  it('shows parameter values the called steps never mention on the first called step', async () => {
    const plain = withSteps('DEMO-T2', [inline('Just a step'), inline('Another')]);
    const caller = withSteps('DEMO-T3', [call('DEMO-T2', { username: 'alice', locale: 'ja-JP' })]);
    const { body } = await plan(caller, [plain]);
    expect(body.test_steps.map((step) => step.description)).toEqual([
      'Just a step<br>Parameters: username = alice, locale = ja-JP',
      'Another',
    ]);
  });

  it('leaves placeholders of parameters the call does not give', async () => {
    const caller = withSteps('DEMO-T3', [call('DEMO-T1', { username: 'alice' })]);
    const { body } = await plan(caller, [login]);
    expect(body.test_steps[1]?.description).toBe('Pick {locale}<br>Test data:<br>locale={locale}');
  });

  it('expands calls inside called cases, passing values through nested parameters', async () => {
    const middle = withSteps('DEMO-T2', [
      inline('Prepare'),
      call('DEMO-T1', { username: '{who}', locale: 'en-US' }),
    ]);
    const caller = withSteps('DEMO-T4', [
      call('DEMO-T2', { who: 'bob' }),
      call('DEMO-T1', { username: 'eve', locale: 'ar-EG' }),
    ]);
    const { body, lossy } = await plan(caller, [login, middle]);
    expect(body.test_steps.map((step) => step.description)).toEqual([
      'Prepare',
      'Log in as bob',
      'Pick en-US<br>Test data:<br>locale=en-US',
      'Log in as eve',
      'Pick ar-EG<br>Test data:<br>locale=ar-EG',
    ]);
    expect(body.test_steps.map((step) => step.order)).toEqual([1, 2, 3, 4, 5]);
    expect(lossy[0]).toEqual({
      kind: 'call-to-test-expanded',
      message: "3 call-to-test step(s) replaced by the called cases' steps (DEMO-T2, DEMO-T1)",
      count: 3,
    });
  });

  it('stops at a call back into a case being expanded, and at a missing case', async () => {
    const a = withSteps('DEMO-T1', [inline('A1'), call('DEMO-T2')]);
    const b = withSteps('DEMO-T2', [inline('B1'), call('DEMO-T1'), call('DEMO-T9')]);
    const { body, lossy } = await plan(a, [a, b]);
    expect(body.test_steps.map((step) => step.description)).toEqual(['A1', 'B1']);
    expect(lossy).toEqual([
      {
        kind: 'call-to-test-expanded',
        message: "1 call-to-test step(s) replaced by the called cases' steps (DEMO-T2)",
        count: 1,
      },
      {
        kind: 'not-supported',
        message: 'call to DEMO-T1 not expanded: it would call itself (DEMO-T1 → DEMO-T2 → DEMO-T1)',
      },
      { kind: 'not-supported', message: 'call to DEMO-T9 not expanded: the source has no such test case' },
    ]);
  });

  it('guards a case that calls itself directly', async () => {
    const self = withSteps('DEMO-T5', [inline('Once'), call('DEMO-T5')]);
    const { body, lossy } = await plan(self, [self]);
    expect(body.test_steps.map((step) => step.description)).toEqual(['Once']);
    expect(lossy.map((note) => note.kind)).toEqual(['not-supported']);
  });

  it('expands a called script into its one step, substituting parameters before escaping', async () => {
    const script = testCase({
      key: 'DEMO-T6',
      content: { kind: 'plain', text: '1. Log in as {username}\n2. Check <title>' },
    });
    const caller = withSteps('DEMO-T3', [call('DEMO-T6', { username: 'a&b' })]);
    const { body } = await plan(caller, [script]);
    expect(body.test_steps).toEqual([
      { description: '1. Log in as a&amp;b<br>2. Check &lt;title&gt;', expected: '', order: 1 },
    ]);
  });

  it('reports parameters of a call to a case without steps', async () => {
    const empty = testCase({ key: 'DEMO-T7' });
    const caller = withSteps('DEMO-T3', [call('DEMO-T7', { username: 'alice' })]);
    const { body, lossy } = await plan(caller, [empty]);
    expect(body.test_steps).toEqual([]);
    expect(lossy).toContainEqual({
      kind: 'not-supported',
      message: 'parameters of the call to DEMO-T7 not carried (it has no steps): username = alice',
    });
  });

  it('reads each called case once per mapping however often it is called', async () => {
    const caller = withSteps('DEMO-T3', [call('DEMO-T1'), call('DEMO-T1'), call('DEMO-T1')]);
    const reads = lookups({ testCases: [login] });
    await mapper().map('test-case', caller, reads);
    expect(reads.calls.get('DEMO-T1')).toBe(1);
  });
});
