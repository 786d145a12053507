import type { ExecutionStatusName } from './project-configuration.js';
import type { Language } from './seeded-faker.js';

/**
 * Feature guarantees. Random generation would contain most features most of the time; the
 * issue needs every feature for every seed and size. So the first test cases, the first cycles
 * and plans and the first cycle's executions are laid out here on purpose, and everything after
 * them is random. Their texts still come from the seed; their roles do not.
 */

/** How a test case's name is made. */
export type NameStyle = 'title' | 'emoji' | 'maxLength' | 'hostile';
/** full: every optional field, every rich-text construct, every custom field; sparse: required fields only. */
export type Detail = 'full' | 'typical' | 'sparse';
export type FolderPlacement = 'deepest' | 'root' | 'random';
/** inline: steps without calls (a case others may call); calls: steps including call-to-test steps. */
export type ContentKind = 'inline' | 'calls' | 'plain' | 'bdd' | 'none';

export interface TestCaseTraits {
  readonly language: Language;
  readonly nameStyle: NameStyle;
  readonly folder: FolderPlacement;
  readonly detail: Detail;
  readonly contentKind: ContentKind;
  /** Step entries at versions 1…latest (index 0 is version 1); 0 for scripts and empty cases. */
  readonly stepCounts: readonly number[];
}

export const SHOWCASE_TEST_CASES: readonly TestCaseTraits[] = [
  // T1: every field, three versions with different steps, Japanese; the case T3 calls.
  {
    language: 'ja',
    nameStyle: 'title',
    folder: 'deepest',
    detail: 'full',
    contentKind: 'inline',
    stepCounts: [3, 4, 5],
  },
  // T2: a 255-character name; 150 steps, so the steps endpoint needs two pages of 100.
  {
    language: 'en',
    nameStyle: 'maxLength',
    folder: 'random',
    detail: 'full',
    contentKind: 'inline',
    stepCounts: [150],
  },
  // T3: call-to-test steps with parameters, Hebrew, two versions.
  {
    language: 'he',
    nameStyle: 'title',
    folder: 'deepest',
    detail: 'full',
    contentKind: 'calls',
    stepCounts: [3, 4],
  },
  // T4: a plain-text script, an emoji in the name, Arabic objective.
  {
    language: 'ar',
    nameStyle: 'emoji',
    folder: 'random',
    detail: 'full',
    contentKind: 'plain',
    stepCounts: [0],
  },
  // T5: a BDD script, Chinese.
  {
    language: 'zh',
    nameStyle: 'title',
    folder: 'random',
    detail: 'full',
    contentKind: 'bdd',
    stepCounts: [0],
  },
  // T6: no steps and no script, at the root, with a name that reports must escape.
  {
    language: 'en',
    nameStyle: 'hostile',
    folder: 'root',
    detail: 'full',
    contentKind: 'none',
    stepCounts: [0],
  },
  // T7: exactly 100 steps: one full page, where an off-by-one asks for an empty second page.
  {
    language: 'en',
    nameStyle: 'title',
    folder: 'random',
    detail: 'typical',
    contentKind: 'inline',
    stepCounts: [100],
  },
  // T8: only what Zephyr requires; every optional field absent and every custom field null.
  {
    language: 'en',
    nameStyle: 'title',
    folder: 'random',
    detail: 'sparse',
    contentKind: 'inline',
    stepCounts: [1],
  },
];

export const HOSTILE_NAME = '<script>alert(1)</script>';

/**
 * The first cycle's executions, in order: one run per status, T1 run three times on its three
 * versions (earlier runs ran earlier versions), and a run of T7 not executed yet.
 */
export const SHOWCASE_CYCLE_ITEMS: readonly {
  caseIndex: number;
  statuses: readonly ExecutionStatusName[];
}[] = [
  { caseIndex: 0, statuses: ['Fail', 'Blocked', 'Pass'] },
  { caseIndex: 1, statuses: ['Pass'] },
  { caseIndex: 2, statuses: ['Fail'] },
  { caseIndex: 3, statuses: ['Pass'] },
  { caseIndex: 4, statuses: ['Pass'] },
  { caseIndex: 5, statuses: ['In Progress'] },
  { caseIndex: 6, statuses: ['Not Executed'] },
  { caseIndex: 7, statuses: ['Retest'] },
];

/** The first ad-hoc execution (no cycle) runs T1 and passes. */
export const SHOWCASE_AD_HOC = { caseIndex: 0, status: 'Pass' } as const satisfies {
  caseIndex: number;
  status: ExecutionStatusName;
};

/**
 * Cycles and plans: the first cycle sits in the deepest cycle folder and is linked to the first
 * two plans; the second cycle sits at the root and is in no plan. The first plan sits in the
 * deepest plan folder, the second at the root.
 */
export const SHOWCASE_CYCLE_IN_SEVERAL_PLANS = 0;
export const SHOWCASE_CYCLE_IN_NO_PLAN = 1;
export const SHOWCASE_PLANS_WITH_SHARED_CYCLE = 2;
