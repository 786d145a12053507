import type { CanonicalStep, CanonicalTestCase } from '../../../model/canonical.js';
import type { MappingLookups } from '../../../ports/target.js';
import type { QTestContext } from '../qtest-context.js';
import { escapeHtml } from './html.js';
import { LossyNotes } from './lossy-notes.js';
import { ParameterValues } from './parameters.js';
import { type PlannedStep, renderInlineStep, renderScript } from './render-step.js';

export interface ExpandedSteps {
  steps: PlannedStep[];
  /** The key of each call expanded, nested ones included, in step order. */
  calledKeys: string[];
  lossy: LossyNotes;
}

/**
 * A test case's steps as qTest gets them. qTest's API cannot create call-to-test steps
 * (API-NOTES B.6), so each call is replaced by the called case's steps, with the call's
 * parameter values put in; calls inside called cases are expanded the same way. This is also
 * what Zephyr shows an execution, so step results keep matching steps by position. A call
 * back into a case already being expanded, or to a case the source lacks, adds no steps.
 */
export async function expandSteps(
  testCase: CanonicalTestCase,
  lookups: MappingLookups,
  context: QTestContext,
): Promise<ExpandedSteps> {
  const expansion: ExpandedSteps = { steps: [], calledKeys: [], lossy: new LossyNotes() };
  const called = new Map<string, Promise<CanonicalTestCase | undefined>>();
  const readCase = (key: string) => {
    let found = called.get(key);
    if (found === undefined) {
      found = lookups.testCase(key);
      called.set(key, found);
    }
    return found;
  };

  const expandContent = async (source: CanonicalTestCase, parameters: ParameterValues, path: string[]) => {
    const content = source.content;
    switch (content.kind) {
      case 'none':
        return;
      case 'plain':
      case 'bdd':
        expansion.steps.push(renderScript(content.text, parameters));
        return;
      case 'steps':
        for (const step of content.steps) await expandStep(step, parameters, path);
    }
  };

  const expandStep = async (step: CanonicalStep, parameters: ParameterValues, path: string[]) => {
    if (step.kind === 'inline') {
      expansion.steps.push(renderInlineStep(step, parameters, context));
      return;
    }
    const key = step.testCaseKey;
    if (path.includes(key)) {
      expansion.lossy.add(
        'not-supported',
        `call to ${key} not expanded: it would call itself (${[...path, key].join(' → ')})`,
      );
      return;
    }
    const callee = await readCase(key);
    if (callee === undefined) {
      expansion.lossy.add('not-supported', `call to ${key} not expanded: the source has no such test case`);
      return;
    }
    expansion.calledKeys.push(key);
    // A value may itself name a parameter of the calling case (a call inside a called case).
    const values = new ParameterValues(
      step.parameters.map(({ name, value }) => [name, parameters.substitute(value)] as const),
    );
    const first = expansion.steps.length;
    await expandContent(callee, values, [...path, key]);
    const unused = values.unused();
    if (unused.length === 0) return;
    const shown = unused.map(([name, value]) => `${name} = ${value}`).join(', ');
    const firstStep = expansion.steps[first];
    if (firstStep === undefined) {
      expansion.lossy.add(
        'not-supported',
        `parameters of the call to ${key} not carried (it has no steps): ${shown}`,
      );
      return;
    }
    // Values the called steps never mention would otherwise be lost; the tester saw them on the call.
    firstStep.description += `${firstStep.description === '' ? '' : '<br>'}Parameters: ${escapeHtml(shown)}`;
  };

  await expandContent(testCase, ParameterValues.none(), [testCase.key]);
  return expansion;
}
