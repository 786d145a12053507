import type { DatasetTestCase, LazyList } from '../dataset/zephyr-dataset.js';

/**
 * The test case lookups the data set does not offer, by id and by folder, plus the highest id,
 * key number and script id in use (where created entities continue). Built by one pass the first
 * time it is asked and extended as cases are created. It holds numbers only, never test cases,
 * so it stays small for the 20,000 cases of a large data set.
 */
export class TestCaseIndex {
  readonly #testCases: LazyList<DatasetTestCase>;
  readonly #positionById = new Map<number, number>();
  readonly #positionsByFolder = new Map<number, number[]>();
  #indexedCount = 0;
  #maxId = 0;
  #maxKeyNumber = 0;
  #maxScriptId = 0;

  constructor(testCases: LazyList<DatasetTestCase>) {
    this.#testCases = testCases;
  }

  positionOfId(id: number): number | undefined {
    this.#catchUp();
    return this.#positionById.get(id);
  }

  /** Positions of the cases directly in a folder, ascending. */
  positionsInFolder(folderId: number): readonly number[] {
    this.#catchUp();
    return this.#positionsByFolder.get(folderId) ?? [];
  }

  get maxId(): number {
    this.#catchUp();
    return this.#maxId;
  }

  get maxKeyNumber(): number {
    this.#catchUp();
    return this.#maxKeyNumber;
  }

  get maxScriptId(): number {
    this.#catchUp();
    return this.#maxScriptId;
  }

  #catchUp(): void {
    for (; this.#indexedCount < this.#testCases.count; this.#indexedCount++) {
      const position = this.#indexedCount;
      const testCase = this.#testCases.at(position);
      this.#positionById.set(testCase.id, position);
      if (testCase.folderId !== undefined) {
        const inFolder = this.#positionsByFolder.get(testCase.folderId);
        if (inFolder) inFolder.push(position);
        else this.#positionsByFolder.set(testCase.folderId, [position]);
      }
      this.#maxId = Math.max(this.#maxId, testCase.id);
      this.#maxKeyNumber = Math.max(this.#maxKeyNumber, keyNumber(testCase.key));
      if (testCase.content.kind === 'plain' || testCase.content.kind === 'bdd') {
        this.#maxScriptId = Math.max(this.#maxScriptId, testCase.content.scriptId);
      }
    }
  }
}

/** The number of a Zephyr key: 12 for `PROJ-T12`, `PROJ-R12`, `PROJ-E12`. */
export function keyNumber(key: string): number {
  const match = /-[A-Z](\d+)$/.exec(key);
  return match?.[1] ? Number(match[1]) : 0;
}
