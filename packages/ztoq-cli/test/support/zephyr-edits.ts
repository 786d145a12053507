import type { DatasetTestCase, RunningSimulators } from '@ztoq/simulators';

type ZephyrStore = RunningSimulators['zephyr']['store'];

/**
 * Edits a user makes in Zephyr between two migrations, on the simulator's store. Only cases no
 * other case calls are edited: a called case's steps are copied into its callers, so editing
 * one would change more qTest entities than the test means to.
 */
export function uncalledCases(zephyr: ZephyrStore): DatasetTestCase[] {
  const cases = Array.from({ length: zephyr.testCases.count }, (_, index) => zephyr.testCases.at(index));
  const called = new Set(
    cases.flatMap((testCase) =>
      testCase.content.kind === 'steps'
        ? testCase.content.steps.flatMap((step) => (step.kind === 'call' ? [step.testCaseKey] : []))
        : [],
    ),
  );
  return cases.filter((testCase) => !called.has(testCase.key));
}

/** Cases with an inline step of their own, whose expected result an edit can change. */
export function withInlineStep(cases: readonly DatasetTestCase[]): DatasetTestCase[] {
  return cases.filter(
    (testCase) =>
      testCase.content.kind === 'steps' && testCase.content.steps.some((step) => step.kind === 'inline'),
  );
}

export function renameCase(zephyr: ZephyrStore, testCase: DatasetTestCase, name: string): void {
  zephyr.editTestCase(testCase.key, { name });
}

/** Sets the expected result of the case's first inline step; returns that step's position (1-based). */
export function changeExpectedResult(
  zephyr: ZephyrStore,
  testCase: DatasetTestCase,
  expected: string,
): number {
  if (testCase.content.kind !== 'steps') throw new Error(`${testCase.key} has no steps`);
  const steps = testCase.content.steps;
  const index = steps.findIndex((step) => step.kind === 'inline');
  if (index < 0) throw new Error(`${testCase.key} has no inline step`);
  zephyr.replaceTestContent(testCase.key, () => ({
    kind: 'steps',
    steps: steps.map((step, position) =>
      position === index && step.kind === 'inline' ? { ...step, expectedResult: expected } : step,
    ),
  }));
  return index + 1;
}
