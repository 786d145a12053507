import type {
  DatasetFolder,
  DatasetStep,
  DatasetTestCase,
  DatasetTestExecution,
  LazyList,
  ZephyrDataset,
} from '../../src/dataset/zephyr-dataset.js';

/** Helpers the generator tests share: reading a whole data set back and the checks Zephyr's spec implies. */

export const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
export const RTL = /[\p{Script=Hebrew}\p{Script=Arabic}]/u;
export const EMOJI = /\p{Extended_Pictographic}/u;
export const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
export const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const ACCOUNT_ID = /^[-:a-zA-Z0-9]{1,128}$/;

export function all<T>(list: LazyList<T>): T[] {
  return Array.from({ length: list.count }, (_, index) => list.at(index));
}

export function testCasesAndOlderVersions(dataset: ZephyrDataset): DatasetTestCase[] {
  return all(dataset.testCases).flatMap((testCase) =>
    Array.from({ length: testCase.version }, (_, older) => {
      const version = dataset.testCaseVersion(testCase.key, older + 1);
      if (!version) throw new Error(`${testCase.key} lacks version ${older + 1}`);
      return version;
    }),
  );
}

/** 1 for a root folder. */
export function folderDepth(folders: readonly DatasetFolder[], id: number): number {
  const byId = new Map(folders.map((folder) => [folder.id, folder]));
  let depth = 0;
  for (
    let folder = byId.get(id);
    folder;
    folder = folder.parentId === null ? undefined : byId.get(folder.parentId)
  ) {
    depth++;
    if (depth > folders.length) throw new Error(`folder ${id} is in a parent cycle`);
  }
  return depth;
}

export function stepsOf(testCase: DatasetTestCase) {
  return testCase.content.kind === 'steps' ? testCase.content.steps : [];
}

type InlineStep = Extract<DatasetStep, { kind: 'inline' }>;

/** The steps an execution of `key` at `version` should have results for, expanded as Zephyr shows them. */
export function expectedStepTexts(dataset: ZephyrDataset, key: string, version: number): InlineStep[] {
  const testCase = dataset.testCaseVersion(key, version);
  if (!testCase) throw new Error(`no ${key} version ${version}`);
  return stepsOf(testCase).flatMap((step) => {
    if (step.kind === 'inline') return [step];
    const index = dataset.testCaseIndex(step.testCaseKey);
    if (index === undefined) throw new Error(`call to unknown ${step.testCaseKey}`);
    return stepsOf(dataset.testCases.at(index)).map((called) => {
      if (called.kind !== 'inline') throw new Error(`${step.testCaseKey}, called by ${key}, calls again`);
      return called;
    });
  });
}

export function executionsByCycleItem(executions: readonly DatasetTestExecution[]) {
  const items = new Map<string, DatasetTestExecution[]>();
  for (const execution of executions) {
    if (execution.testCycleId === undefined) continue;
    const item = `${execution.testCycleId}/${execution.testCaseKey}`;
    items.set(item, [...(items.get(item) ?? []), execution]);
  }
  return items;
}
