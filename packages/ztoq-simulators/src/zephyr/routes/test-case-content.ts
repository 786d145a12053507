import type { DatasetStep } from '../../dataset/zephyr-dataset.js';
import { pageOf, TEST_STEPS_PAGE_LIMIT } from '../paged-response.js';
import { parseBody, testScriptInput, testStepsInput } from '../request-bodies.js';
import { badRequest, notFound } from '../zephyr-errors.js';
import type { ZephyrStore } from '../zephyr-store.js';
import { existingTestCase } from './existing-entities.js';
import type { ZephyrRouteContext } from './route-context.js';

/** What a test case consists of: a list of steps, or a plain-text or BDD script. Posting one removes the other. */
export function registerTestCaseContentRoutes({
  server,
  store,
  represent,
  maxResultsCap,
}: ZephyrRouteContext): void {
  // The spec does not say what a step-based case answers. Assumption: it has no script, so 404.
  server.route('GET', '/testcases/{testCaseKey}/testscript', ({ params }) => {
    const testCase = existingTestCase(store, params.testCaseKey);
    const { content } = testCase;
    if (content.kind !== 'plain' && content.kind !== 'bdd')
      throw notFound(`Test script of test case '${testCase.key}'`);
    return { status: 200, body: represent.testScript(content) };
  });

  // Assumption: a case with a plain or BDD script has no steps, so an empty list.
  server.route('GET', '/testcases/{testCaseKey}/teststeps', (request) => {
    const { content } = existingTestCase(store, request.params.testCaseKey);
    const steps = content.kind === 'steps' ? content.steps : [];
    const cap = Math.min(TEST_STEPS_PAGE_LIMIT, maxResultsCap);
    return { status: 200, body: pageOf(steps, request, cap, (step) => represent.testStep(step)) };
  });

  server.route('POST', '/testcases/{testCaseKey}/testscript', (request) => {
    const testCase = existingTestCase(store, request.params.testCaseKey);
    const input = parseBody(testScriptInput, request);
    const scriptId = store.replaceTestContent(testCase.key, (id) => ({
      kind: input.type,
      scriptId: id,
      text: input.text,
    }));
    return {
      status: 201,
      body: { id: scriptId, self: represent.url(`/testcases/${testCase.key}/testscript`) },
    };
  });

  server.route('POST', '/testcases/{testCaseKey}/teststeps', (request) => {
    const testCase = existingTestCase(store, request.params.testCaseKey);
    const input = parseBody(testStepsInput, request);
    const posted = input.items.map((item, index): DatasetStep => {
      if (!item.testCase) return { kind: 'inline', ...item.inline };
      checkCalledTestCase(store, testCase.key, item.testCase.testCaseKey, index);
      return {
        kind: 'call',
        testCaseKey: item.testCase.testCaseKey,
        parameters: item.testCase.parameters ?? [],
      };
    });
    const kept = input.mode === 'APPEND' && testCase.content.kind === 'steps' ? testCase.content.steps : [];
    const scriptId = store.replaceTestContent(testCase.key, () => ({
      kind: 'steps',
      steps: [...kept, ...posted],
    }));
    return {
      status: 201,
      body: { id: scriptId, self: represent.url(`/testcases/${testCase.key}/teststeps`) },
    };
  });
}

/** A call-to-test step names an existing case, and "cannot be the parent" (spec). */
function checkCalledTestCase(store: ZephyrStore, parentKey: string, calledKey: string, index: number): void {
  const field = `items[${index}].testCase.testCaseKey`;
  if (calledKey === parentKey) throw badRequest(`${field}: a test case cannot call itself`);
  if (!store.testCase(calledKey)) throw badRequest(`${field}: test case '${calledKey}' does not exist`);
}
