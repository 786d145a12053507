import { ItemRandom } from './item-random.js';
import { randomLanguage } from './localized-text.js';
import {
  type ContentKind,
  type Detail,
  type NameStyle,
  SHOWCASE_TEST_CASES,
  type TestCaseTraits,
} from './showcase.js';

/** Zephyr's most steps the generator gives a case; more than 100 makes the steps endpoint page. */
export const MAX_STEPS = 150;
/** Cases called by others keep few steps, so an execution expanding several calls stays readable. */
const MAX_CALLEE_STEPS = 20;

/**
 * What kind of test case the one at `index` is, decided from a small stream of its own: cheap
 * enough that executions and call-to-test steps can ask about any case (how many versions and
 * steps it has, whether it may be called) without generating its texts.
 */
export function testCaseTraits(seed: number, index: number): TestCaseTraits {
  const showcase = SHOWCASE_TEST_CASES[index];
  if (showcase) return showcase;
  const random = ItemRandom.of(seed, 'testCaseTraits', index);
  const contentKind = random.weighted<ContentKind>([
    ['inline', 62],
    ['calls', 10],
    ['plain', 8],
    ['bdd', 8],
    ['none', 12],
  ]);
  const versions = random.weighted([
    [1, 70],
    [2, 18],
    [3, 8],
    [4, 3],
    [5, 1],
  ]);
  return {
    language: randomLanguage(random),
    nameStyle: random.weighted<NameStyle>([
      ['title', 94],
      ['emoji', 5],
      ['maxLength', 1],
    ]),
    folder: random.chance(0.08) ? 'root' : 'random',
    detail: random.weighted<Detail>([
      ['typical', 90],
      ['full', 5],
      ['sparse', 5],
    ]),
    contentKind,
    stepCounts: Array.from({ length: versions }, () => stepCount(random, contentKind)),
  };
}

export function latestVersion(traits: TestCaseTraits): number {
  return traits.stepCounts.length;
}

/** Call-to-test steps only call cases with inline steps only, so calls never nest or loop. */
export function isCallable(traits: TestCaseTraits): boolean {
  const latestSteps = traits.stepCounts.at(-1) ?? 0;
  return traits.contentKind === 'inline' && latestSteps <= MAX_CALLEE_STEPS;
}

/** Mostly short cases, a long tail up to MAX_STEPS. */
function stepCount(random: ItemRandom, contentKind: ContentKind): number {
  switch (contentKind) {
    case 'inline': {
      const [from, to] = random.weighted<readonly [number, number]>([
        [[1, 8], 70],
        [[9, 30], 20],
        [[31, 100], 7],
        [[101, MAX_STEPS], 3],
      ]);
      return random.int(from, to);
    }
    case 'calls':
      // At least two: the second step is always a call, after an inline setup step.
      return random.int(2, 10);
    case 'plain':
    case 'bdd':
    case 'none':
      return 0;
  }
}
