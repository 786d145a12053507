import type { DatasetStep, DatasetTestContent } from '../dataset/zephyr-dataset.js';
import { type CustomFieldFill, customFieldValues } from './custom-fields.js';
import type { GenerationContext } from './generation-context.js';
import { testCaseIndexOfKey, testCaseKey, testScriptId } from './identifiers.js';
import { ItemRandom } from './item-random.js';
import { emoji, sentence } from './localized-text.js';
import { omitUndefined } from './omit-undefined.js';
import { escapeHtml, richHtml } from './rich-html.js';
import { seededFaker } from './seeded-faker.js';
import type { TestCaseTraits } from './showcase.js';
import { isCallable, latestVersion, testCaseTraits } from './test-case-traits.js';
import { bddScript, plainScript } from './test-scripts.js';

type InlineStep = Extract<DatasetStep, { kind: 'inline' }>;
type CallStep = Extract<DatasetStep, { kind: 'call' }>;
type Parameter = CallStep['parameters'][number];

/** A step as an execution shows it: inline, with call-to-test steps replaced by the called steps. */
export type ExecutedStep = Pick<InlineStep, 'description' | 'testData' | 'expectedResult'>;

/** Position of the call-to-test step every `calls` case has: the first step sets up, the second calls. */
const GUARANTEED_CALL_POSITION = 1;

/**
 * The steps or script of test case `index` at `version`. It has a stream of its own, apart from
 * the case's other fields, so executions can rebuild what they ran without building the rest.
 */
export function testCaseContent(
  context: GenerationContext,
  index: number,
  version: number,
): DatasetTestContent {
  const traits = testCaseTraits(context.seed, index);
  const random = ItemRandom.of(context.seed, 'testCaseContent', index, version);
  const stepCount = traits.stepCounts[version - 1] ?? 0;
  switch (traits.contentKind) {
    case 'inline':
    case 'calls': {
      const fields = stepCustomFields(random, traits);
      const steps = Array.from({ length: stepCount }, (_, position): DatasetStep => {
        const isCall =
          traits.contentKind === 'calls' &&
          (position === GUARANTEED_CALL_POSITION ||
            (position > GUARANTEED_CALL_POSITION && random.chance(0.25)));
        return isCall
          ? callStep(context, random, index, position === GUARANTEED_CALL_POSITION)
          : inlineStep(context, random, traits, position, fields);
      });
      return { kind: 'steps', steps };
    }
    case 'plain':
      return { kind: 'plain', scriptId: testScriptId(index), text: plainScript(random, traits.language) };
    case 'bdd':
      return { kind: 'bdd', scriptId: testScriptId(index), text: bddScript(random, traits.language) };
    case 'none':
      return { kind: 'none' };
  }
}

/**
 * The steps an execution of case `index` at `version` has results for, in order. Zephyr shows
 * a call-to-test step as the called case's steps, as they are now (the call names a key, not a
 * version), so those come from the called case's latest version.
 */
export function executedSteps(context: GenerationContext, index: number, version: number): ExecutedStep[] {
  const content = testCaseContent(context, index, version);
  if (content.kind !== 'steps') return [];
  return content.steps.flatMap((step) =>
    step.kind === 'inline' ? [stepText(step)] : calledSteps(context, step),
  );
}

function calledSteps(context: GenerationContext, call: CallStep): ExecutedStep[] {
  const calleeIndex = testCaseIndexOfKey(context.projectKey, context.spec.testCases, call.testCaseKey);
  if (calleeIndex === undefined) throw new Error(`call-to-test step names unknown case ${call.testCaseKey}`);
  const callee = testCaseContent(
    context,
    calleeIndex,
    latestVersion(testCaseTraits(context.seed, calleeIndex)),
  );
  if (callee.kind !== 'steps') return [];
  return callee.steps.flatMap((step) => (step.kind === 'inline' ? [stepText(step)] : []));
}

function stepText(step: InlineStep): ExecutedStep {
  return omitUndefined({
    description: step.description,
    testData: step.testData,
    expectedResult: step.expectedResult,
  });
}

function stepCustomFields(random: ItemRandom, traits: TestCaseTraits): CustomFieldFill | undefined {
  switch (traits.detail) {
    case 'full':
      return 'all';
    case 'typical':
      return random.chance(0.1) ? 'some' : undefined;
    case 'sparse':
      return undefined;
  }
}

function inlineStep(
  context: GenerationContext,
  random: ItemRandom,
  traits: TestCaseTraits,
  position: number,
  fields: CustomFieldFill | undefined,
): InlineStep {
  const { language, detail } = traits;
  const full = detail === 'full';
  const typical = detail === 'typical';
  let description =
    full || (typical && random.chance(0.2))
      ? richHtml(random, language)
      : escapeHtml(sentence(random, language));
  // Full cases put an emoji in their first step, so steps carry every kind of unicode somewhere.
  if ((full && position === 0) || (typical && random.chance(0.05))) description += ` ${emoji(random)}`;
  return omitUndefined({
    kind: 'inline' as const,
    description,
    testData: full || (typical && random.chance(0.4)) ? testData(random) : undefined,
    expectedResult:
      full || (typical && random.chance(0.85)) ? escapeHtml(sentence(random, language)) : undefined,
    customFields: fields && customFieldValues(random, 'testStep', fields, context.users),
  });
}

/** Test data as testers write it: key/value lines, JSON, or a table of inputs. */
function testData(random: ItemRandom): string {
  const faker = seededFaker(random, 'en');
  switch (random.int(0, 2)) {
    case 0:
      return `username: ${faker.person.firstName().toLowerCase()}${random.int(1, 99)}<br>password: ${faker.string.alphanumeric(12)}`;
    case 1:
      return escapeHtml(JSON.stringify({ amount: faker.number.int({ min: 1, max: 5000 }), currency: 'EUR' }));
    default:
      return '<table><tbody><tr><th>Card</th><th>Expiry</th></tr><tr><td>4111 1111 1111 1111</td><td>12/30</td></tr></tbody></table>';
  }
}

function callStep(
  context: GenerationContext,
  random: ItemRandom,
  callerIndex: number,
  guaranteed: boolean,
): CallStep {
  const calleeIndex = calleeOf(context.seed, random, callerIndex);
  // The guaranteed call carries a parameter of each type; others carry any of them, or none.
  const parameters = [manualInput(random), defaultValue(random)];
  return {
    kind: 'call',
    testCaseKey: testCaseKey(context.projectKey, calleeIndex),
    parameters: guaranteed ? parameters : random.sample(parameters, random.int(0, 2)),
  };
}

/**
 * A lower-numbered case with inline steps only. T1 always qualifies, so the downward search
 * ends; calling only such cases rules out self-calls and call cycles.
 */
function calleeOf(seed: number, random: ItemRandom, callerIndex: number): number {
  for (let candidate = random.int(0, callerIndex - 1); candidate > 0; candidate--) {
    if (isCallable(testCaseTraits(seed, candidate))) return candidate;
  }
  return 0;
}

function manualInput(random: ItemRandom): Parameter {
  return { name: 'username', type: 'MANUAL_INPUT', value: seededFaker(random, 'en').internet.username() };
}

function defaultValue(random: ItemRandom): Parameter {
  return { name: 'locale', type: 'DEFAULT_VALUE', value: random.pick(['en-US', 'ja-JP', 'he-IL', 'ar-EG']) };
}
