import { ZtoqError } from '../../errors.js';
import type { QTestStepResource, QTestTransport } from './qtest-transport.js';

/**
 * A test case's step ids in step order: what its test logs need to say which result belongs
 * to which step. qTest numbers steps with `order` from 1; the list is sorted by it rather than
 * trusting the answer's order, which the spec does not promise.
 */
export function stepIdsInOrder(steps: readonly QTestStepResource[], testCaseId: number): number[] {
  return [...steps]
    .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
    .map((step) => {
      if (step.id === undefined)
        throw new ZtoqError(`qTest answered a step of test case ${testCaseId} without an id`);
      return step.id;
    });
}

/**
 * The step ids from steps qTest already sent (a create's or a search's answer), or else read
 * from the test case: one more request, only when the answer left the steps out.
 */
export async function stepIdsFrom(
  transport: QTestTransport,
  testCaseId: number,
  answered: readonly QTestStepResource[] | undefined,
  signal: AbortSignal | undefined,
): Promise<number[]> {
  const steps = answered ?? (await transport.listTestSteps(testCaseId, signal));
  return stepIdsInOrder(steps, testCaseId);
}

/**
 * The step ids of a case qTest just wrote (created or updated) with `sentSteps` steps. The
 * answer's steps are trusted only when all of them came back (none, for a case without steps,
 * whether or not the answer lists them); otherwise they are read.
 */
export function writtenStepIds(
  transport: QTestTransport,
  testCaseId: number,
  answer: { test_steps?: QTestStepResource[] },
  sentSteps: number,
  signal: AbortSignal | undefined,
): Promise<number[]> {
  const answeredSteps = answer.test_steps ?? [];
  const answered = answeredSteps.length === sentSteps ? answeredSteps : undefined;
  return stepIdsFrom(transport, testCaseId, answered, signal);
}
