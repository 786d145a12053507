import { executionSummaryOf, materializedDataset } from '../dataset/materialized-dataset.js';
import type {
  DatasetEnvironment,
  DatasetExecutionSummary,
  DatasetFolder,
  DatasetPriority,
  DatasetProject,
  DatasetStatus,
  DatasetTestCase,
  DatasetTestContent,
  DatasetTestCycle,
  DatasetTestExecution,
  DatasetTestPlan,
  LazyList,
  StatusType,
  ZephyrDataset,
} from '../dataset/zephyr-dataset.js';
import { type ExecutionConditions, ExecutionIndex, needsExecutionIndex } from './execution-index.js';
import { keyNumber, TestCaseIndex } from './test-case-index.js';

/** What `PUT /testcases/{key}` replaces: every field but id, key, version, links and content. */
export type EditableTestCaseFields = Omit<
  DatasetTestCase,
  'id' | 'key' | 'version' | 'createdOn' | 'content' | 'issueLinks' | 'webLinks'
>;
export interface ExecutionFilter extends ExecutionConditions {
  readonly testCycleId?: number;
  readonly testCaseKey?: string;
}

/** What `/__simulator/state` shows: the project, how much of everything there is, and what the API changed. */
export interface ZephyrStoreSummary {
  readonly project: DatasetProject;
  readonly counts: Readonly<Record<string, number>>;
  /** Everything created through the write endpoints, as facts. */
  readonly created: {
    readonly folders: readonly DatasetFolder[];
    readonly testCases: readonly DatasetTestCase[];
    readonly testCycles: readonly DatasetTestCycle[];
    readonly testExecutions: readonly DatasetTestExecution[];
  };
  /** Test cases whose steps or script were replaced through the API, by key, with what they hold now. */
  readonly changedTestContent: Readonly<Record<string, DatasetTestContent>>;
}

/**
 * The facts the Zephyr simulator serves: the data set, read lazily, plus an overlay of what the
 * write endpoints created or changed. Created entities get ids and keys after the data set's and
 * are seen by every read. Positions index the combined lists (data set first, created after), so
 * list endpoints page over positions and build only the items of the page they answer.
 */
export class ZephyrStore {
  readonly project: DatasetProject;
  readonly statuses: readonly DatasetStatus[];
  readonly priorities: readonly DatasetPriority[];
  readonly environments: readonly DatasetEnvironment[];
  readonly testPlans: readonly DatasetTestPlan[];
  /** Data set cases first, then created ones, each with its current steps or script. */
  readonly testCases: LazyList<DatasetTestCase>;
  /** Data set executions, then created ones: ascending ids throughout. */
  readonly testExecutions: LazyList<DatasetTestExecution>;

  readonly #dataset: ZephyrDataset;
  readonly #folders: DatasetFolder[];
  readonly #testCycles: DatasetTestCycle[];
  readonly #createdFolders: DatasetFolder[] = [];
  readonly #createdTestCases: DatasetTestCase[] = [];
  readonly #createdTestCycles: DatasetTestCycle[] = [];
  readonly #createdExecutions: DatasetTestExecution[] = [];
  readonly #changedContent = new Map<string, DatasetTestContent>();
  readonly #createdTestCasePositions = new Map<string, number>();
  /** Test cases changed by `PUT /testcases/{key}`, by key, with every field but their content. */
  readonly #editedTestCases = new Map<string, DatasetTestCase>();
  /** Executions changed by `PUT /testexecutions/{idOrKey}`, by id. */
  readonly #editedExecutions = new Map<number, DatasetTestExecution>();
  /** Removed by the test-only deletions; their ids and keys are never given out again. */
  readonly #deletedTestCaseKeys = new Set<string>();
  readonly #deletedExecutionIds = new Set<number>();
  readonly #deletedExecutionKeys = new Set<string>();
  readonly #executionSummaries: LazyList<DatasetExecutionSummary>;
  /** Rebuilt when an edit moves a case to another folder. */
  #testCaseIndex: TestCaseIndex;
  /** Rebuilt when an edit or deletion changes what the execution filters compare. */
  #executionIndex: ExecutionIndex;
  readonly #planCycleLinkIds: ReadonlyMap<string, number>;
  /** Positions 0…n-1 of every execution, grown as executions are created; reused by every unfiltered list. */
  readonly #allExecutionPositions: number[] = [];
  readonly #allTestCasePositions: number[] = [];
  readonly #versionIds = new Map<string, number>();
  #lastScriptId: number | undefined;

  constructor(dataset: ZephyrDataset) {
    this.#dataset = dataset;
    this.project = dataset.project;
    this.statuses = dataset.statuses;
    this.priorities = dataset.priorities;
    this.environments = dataset.environments;
    this.testPlans = dataset.testPlans;
    this.#folders = [...dataset.folders];
    this.#testCycles = [...dataset.testCycles];
    this.#planCycleLinkIds = numberPlanCycleLinks(dataset);

    const datasetCases = dataset.testCases;
    const createdCases = this.#createdTestCases;
    const withContent = (stored: DatasetTestCase): DatasetTestCase => {
      const testCase = this.#editedTestCases.get(stored.key) ?? stored;
      const content = this.#changedContent.get(testCase.key);
      return content ? { ...testCase, content } : testCase;
    };
    const edited = (execution: DatasetTestExecution): DatasetTestExecution =>
      this.#editedExecutions.get(execution.id) ?? execution;
    this.testCases = {
      get count() {
        return datasetCases.count + createdCases.length;
      },
      at: (position) => withContent(itemAt(datasetCases, createdCases, position)),
    };
    const datasetExecutions = dataset.testExecutions;
    const createdExecutions = this.#createdExecutions;
    this.testExecutions = {
      get count() {
        return datasetExecutions.count + createdExecutions.length;
      },
      at: (position) => edited(itemAt(datasetExecutions, createdExecutions, position)),
    };
    const datasetSummaries = dataset.testExecutionSummaries;
    // A created execution serves as its own summary: it is held whole anyway.
    const executionSummaries: LazyList<DatasetExecutionSummary> = {
      get count() {
        return datasetSummaries.count + createdExecutions.length;
      },
      at: (position) => {
        const summary = itemAt(datasetSummaries, createdExecutions, position);
        const change = this.#editedExecutions.get(summary.id);
        return change ? executionSummaryOf(change) : summary;
      },
    };
    this.#executionSummaries = executionSummaries;
    this.#testCaseIndex = new TestCaseIndex(this.testCases);
    this.#executionIndex = this.#newExecutionIndex();
  }

  #newExecutionIndex(): ExecutionIndex {
    return new ExecutionIndex(
      this.#executionSummaries,
      (key) => this.testCasePosition(key),
      (position) => this.#isDeletedExecution(position),
    );
  }

  #isDeletedExecution(position: number): boolean {
    return (
      this.#deletedExecutionIds.size > 0 &&
      this.#deletedExecutionIds.has(this.#executionSummaries.at(position).id)
    );
  }

  #isDeletedTestCase(position: number): boolean {
    return (
      this.#deletedTestCaseKeys.size > 0 && this.#deletedTestCaseKeys.has(this.testCases.at(position).key)
    );
  }

  // Folders and the project's option lists (small, held as arrays).

  get folders(): readonly DatasetFolder[] {
    return this.#folders;
  }

  folder(id: number): DatasetFolder | undefined {
    return this.#folders.find((folder) => folder.id === id);
  }

  status(id: number): DatasetStatus | undefined {
    return this.statuses.find((status) => status.id === id);
  }

  statusNamed(name: string, statusType: StatusType): DatasetStatus | undefined {
    return this.statuses.find((status) => status.statusType === statusType && status.name === name);
  }

  /** The status Zephyr gives new entities of a type: the one marked default, else the first. */
  defaultStatus(statusType: StatusType): DatasetStatus | undefined {
    const ofType = this.statuses.filter((status) => status.statusType === statusType);
    return ofType.find((status) => status.default) ?? ofType[0];
  }

  priority(id: number): DatasetPriority | undefined {
    return this.priorities.find((priority) => priority.id === id);
  }

  priorityNamed(name: string): DatasetPriority | undefined {
    return this.priorities.find((priority) => priority.name === name);
  }

  defaultPriority(): DatasetPriority | undefined {
    return this.priorities.find((priority) => priority.default) ?? this.priorities[0];
  }

  environment(id: number): DatasetEnvironment | undefined {
    return this.environments.find((environment) => environment.id === id);
  }

  environmentNamed(name: string): DatasetEnvironment | undefined {
    return this.environments.find((environment) => environment.name === name);
  }

  // Test cases.

  testCasePosition(key: string): number | undefined {
    if (this.#deletedTestCaseKeys.has(key)) return undefined;
    return this.#dataset.testCaseIndex(key) ?? this.#createdTestCasePositions.get(key);
  }

  testCase(key: string): DatasetTestCase | undefined {
    const position = this.testCasePosition(key);
    return position === undefined ? undefined : this.testCases.at(position);
  }

  testCasePositionOfId(id: number): number | undefined {
    const position = this.#testCaseIndex.positionOfId(id);
    return position === undefined || this.#isDeletedTestCase(position) ? undefined : position;
  }

  testCasePositionsInFolder(folderId: number): readonly number[] {
    return this.#withoutDeletedCases(this.#testCaseIndex.positionsInFolder(folderId));
  }

  allTestCasePositions(): readonly number[] {
    return this.#withoutDeletedCases(growPositions(this.#allTestCasePositions, this.testCases.count));
  }

  #withoutDeletedCases(positions: readonly number[]): readonly number[] {
    if (this.#deletedTestCaseKeys.size === 0) return positions;
    return positions.filter((position) => !this.#isDeletedTestCase(position));
  }

  /** The case as it was at `version`; the latest version carries the current steps or script. */
  testCaseVersion(key: string, version: number): DatasetTestCase | undefined {
    const current = this.testCase(key);
    if (current === undefined || version < 1 || version > current.version) return undefined;
    if (version === current.version) return current;
    return this.#dataset.testCaseVersion(key, version);
  }

  /**
   * The id of one version of a case, remembered: every execution links the version it ran, and
   * building a case to learn its id costs more than building the execution. One number per
   * version ever linked, which is far fewer than executions.
   */
  testCaseVersionId(key: string, version: number): number | undefined {
    const versionKey = `${key}/${version}`;
    const known = this.#versionIds.get(versionKey);
    if (known !== undefined) return known;
    const id = this.testCaseVersion(key, version)?.id;
    if (id !== undefined) this.#versionIds.set(versionKey, id);
    return id;
  }

  // Test cycles and plans (small, held as arrays).

  get testCycles(): readonly DatasetTestCycle[] {
    return this.#testCycles;
  }

  testCycle(idOrKey: string): DatasetTestCycle | undefined {
    return findByIdOrKey(this.#testCycles, idOrKey);
  }

  testPlan(idOrKey: string): DatasetTestPlan | undefined {
    return findByIdOrKey(this.testPlans, idOrKey);
  }

  /** The id of the link between a plan and a cycle: the same object seen from either side. */
  planCycleLinkId(planId: number, cycleId: number): number {
    return this.#planCycleLinkIds.get(planCycleKey(planId, cycleId)) ?? 0;
  }

  // Test executions.

  /**
   * By binary search: executions are in id order, and Zephyr numbers keys in creation order as
   * it does ids, so key numbers ascend with positions too. Only about 18 executions of 200,000
   * are built to find one.
   */
  testExecutionPosition(idOrKey: string): number | undefined {
    const byId = /^[0-9]+$/.test(idOrKey);
    const wanted = byId ? Number(idOrKey) : keyNumber(idOrKey);
    const valueAt = (position: number) => {
      const execution = this.testExecutions.at(position);
      return byId ? execution.id : keyNumber(execution.key);
    };
    let low = 0;
    let high = this.testExecutions.count - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const value = valueAt(middle);
      if (value === wanted) {
        const named = byId || this.testExecutions.at(middle).key === idOrKey;
        return named && !this.#isDeletedExecution(middle) ? middle : undefined;
      }
      if (value < wanted) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  }

  /** Positions of the executions that pass every filter given, ascending (id order). */
  executionPositions(filter: ExecutionFilter): readonly number[] {
    const found = this.#executionCandidates(filter);
    const candidates =
      this.#deletedExecutionIds.size === 0
        ? found
        : found.filter((position) => !this.#isDeletedExecution(position));
    if (!needsExecutionIndex(filter)) return candidates;
    return candidates.filter((position) => this.#executionIndex.matches(position, filter));
  }

  /** Narrows by cycle and test case through the data set's own indexes, before any full scan. */
  #executionCandidates(filter: ExecutionFilter): readonly number[] {
    const { testCycleId, testCaseKey } = filter;
    if (testCycleId === undefined && testCaseKey === undefined) {
      return growPositions(this.#allExecutionPositions, this.testExecutions.count);
    }
    const ofCycle = testCycleId === undefined ? undefined : this.#dataset.executionsOfCycle(testCycleId);
    const ofCase = testCaseKey === undefined ? undefined : this.#dataset.executionsOfTestCase(testCaseKey);
    const fromDataset = ofCycle && ofCase ? intersectAscending(ofCycle, ofCase) : (ofCycle ?? ofCase ?? []);
    const datasetCount = this.#dataset.testExecutions.count;
    const created = this.#createdExecutions.flatMap((execution, index) =>
      (testCycleId === undefined || execution.testCycleId === testCycleId) &&
      (testCaseKey === undefined || execution.testCaseKey === testCaseKey)
        ? [datasetCount + index]
        : [],
    );
    return created.length === 0 ? fromDataset : [...fromDataset, ...created];
  }

  // Writes.

  createFolder(fields: Omit<DatasetFolder, 'id' | 'index'>): DatasetFolder {
    const siblings = this.#folders.filter(
      (folder) => folder.folderType === fields.folderType && folder.parentId === fields.parentId,
    );
    const folder: DatasetFolder = {
      ...fields,
      id: Math.max(0, ...this.#folders.map((existing) => existing.id)) + 1,
      index: siblings.length,
    };
    this.#folders.push(folder);
    this.#createdFolders.push(folder);
    return folder;
  }

  createTestCase(fields: Omit<DatasetTestCase, 'id' | 'key' | 'version'>): DatasetTestCase {
    const testCase: DatasetTestCase = {
      ...fields,
      id: this.#testCaseIndex.maxId + 1,
      key: `${this.project.key}-T${this.#testCaseIndex.maxKeyNumber + 1}`,
      version: 1,
    };
    this.#createdTestCasePositions.set(testCase.key, this.testCases.count);
    this.#createdTestCases.push(testCase);
    return testCase;
  }

  /** Replaces a case's steps or script (Zephyr keeps one or the other); returns the new script id. */
  replaceTestContent(key: string, content: (scriptId: number) => DatasetTestContent): number {
    this.#lastScriptId = (this.#lastScriptId ?? this.#testCaseIndex.maxScriptId) + 1;
    this.#changedContent.set(key, content(this.#lastScriptId));
    return this.#lastScriptId;
  }

  createTestCycle(fields: Omit<DatasetTestCycle, 'id' | 'key'>): DatasetTestCycle {
    const cycle: DatasetTestCycle = {
      ...fields,
      id: Math.max(0, ...this.#testCycles.map((existing) => existing.id)) + 1,
      key: `${this.project.key}-R${Math.max(0, ...this.#testCycles.map((existing) => keyNumber(existing.key))) + 1}`,
    };
    this.#testCycles.push(cycle);
    this.#createdTestCycles.push(cycle);
    return cycle;
  }

  createTestExecution(fields: Omit<DatasetTestExecution, 'id' | 'key'>): DatasetTestExecution {
    const count = this.testExecutions.count;
    const latest = count === 0 ? undefined : this.testExecutions.at(count - 1);
    const execution: DatasetTestExecution = {
      ...fields,
      id: (latest?.id ?? 0) + 1,
      key: `${this.project.key}-E${(latest ? keyNumber(latest.key) : 0) + 1}`,
    };
    this.#createdExecutions.push(execution);
    return execution;
  }

  /** `PUT /testcases/{key}`: every field but id, key, version, links and content is replaced. */
  updateTestCase(key: string, fields: EditableTestCaseFields): DatasetTestCase {
    const current = this.testCase(key);
    if (!current) throw new Error(`test case ${key} does not exist`);
    const { id, version, createdOn, content, issueLinks, webLinks } = current;
    this.#editedTestCases.set(key, { id, key, version, createdOn, content, issueLinks, webLinks, ...fields });
    if (fields.folderId !== current.folderId) this.#testCaseIndex = new TestCaseIndex(this.testCases);
    return this.testCase(key) ?? current;
  }

  /**
   * A few fields of a case changed, the rest kept: what a user's edit in the Zephyr UI amounts to,
   * and `PUT /testcases/{key}` with the current values for everything else.
   */
  editTestCase(key: string, change: Partial<EditableTestCaseFields>): DatasetTestCase {
    const current = this.testCase(key);
    if (!current) throw new Error(`test case ${key} does not exist`);
    const {
      id: _id,
      key: _key,
      version: _version,
      createdOn: _createdOn,
      content: _content,
      issueLinks: _issueLinks,
      webLinks: _webLinks,
      ...fields
    } = current;
    return this.updateTestCase(key, { ...fields, ...change });
  }

  /** `PUT /testcycles/{idOrKey}`: every field but id, key and links is replaced. */
  updateTestCycle(
    idOrKey: string,
    fields: Omit<DatasetTestCycle, 'id' | 'key' | 'issueLinks' | 'webLinks' | 'testPlanIds'>,
  ): DatasetTestCycle {
    const current = this.testCycle(idOrKey);
    if (!current) throw new Error(`test cycle ${idOrKey} does not exist`);
    const { id, key, issueLinks, webLinks, testPlanIds } = current;
    const updated: DatasetTestCycle = { id, key, issueLinks, webLinks, testPlanIds, ...fields };
    replaceById(this.#testCycles, updated);
    replaceById(this.#createdTestCycles, updated);
    return updated;
  }

  /** `PUT /testexecutions/{idOrKey}`: the fields given replace the execution's. */
  updateTestExecution(
    idOrKey: string,
    change: (current: DatasetTestExecution) => DatasetTestExecution,
  ): DatasetTestExecution {
    const position = this.testExecutionPosition(idOrKey);
    if (position === undefined) throw new Error(`test execution ${idOrKey} does not exist`);
    const current = this.testExecutions.at(position);
    const updated = change(current);
    if (updated.id !== current.id || updated.key !== current.key)
      throw new Error('an update keeps id and key');
    this.#editedExecutions.set(current.id, updated);
    this.#executionIndex = this.#newExecutionIndex();
    return updated;
  }

  // Test-only edits. Zephyr Scale Cloud's API has no endpoint for these (the spec has no folder
  // update and no deletes); a test calls them on `simulator.store` to stand for a change a user
  // made in the Zephyr UI, between two migrations. Every read endpoint sees them.

  /** Not part of the vendor API: renames a folder, as a user can in the Zephyr UI. */
  renameFolder(id: number, name: string): DatasetFolder {
    const folder = this.#existingFolder(id);
    if (name.trim() === '') throw new Error('a folder name must not be blank');
    return this.#replaceFolder({ ...folder, name });
  }

  /**
   * Not part of the vendor API: moves a folder, with everything in it, under another folder of
   * its type (`null` for the root), last among its new siblings.
   */
  moveFolder(id: number, parentId: number | null): DatasetFolder {
    const folder = this.#existingFolder(id);
    if (parentId !== null) {
      const parent = this.#existingFolder(parentId);
      if (parent.folderType !== folder.folderType) {
        throw new Error(
          `folder ${parentId} is a ${parent.folderType} folder, not a ${folder.folderType} one`,
        );
      }
      for (
        let above: DatasetFolder | undefined = parent;
        above;
        above = above.parentId === null ? undefined : this.folder(above.parentId)
      ) {
        if (above.id === id) throw new Error(`folder ${parentId} is folder ${id} or lies below it`);
      }
    }
    const siblings = this.#folders.filter(
      (other) => other.id !== id && other.folderType === folder.folderType && other.parentId === parentId,
    );
    return this.#replaceFolder({ ...folder, parentId, index: siblings.length });
  }

  /**
   * Not part of the vendor API: deletes a test case, as a user can in the Zephyr UI.
   * Assumption: its executions go with it (an execution cannot outlive the case it ran).
   */
  deleteTestCase(key: string): void {
    if (this.testCase(key) === undefined) throw new Error(`test case ${key} does not exist`);
    const executions = this.executionPositions({ testCaseKey: key, onlyLastExecutions: false });
    for (const position of executions) this.#markExecutionDeleted(position);
    this.#deletedTestCaseKeys.add(key);
    this.#executionIndex = this.#newExecutionIndex();
  }

  /** Not part of the vendor API: deletes a test execution (by id or key), as a user can in the Zephyr UI. */
  deleteTestExecution(idOrKey: string | number): void {
    const position = this.testExecutionPosition(String(idOrKey));
    if (position === undefined) throw new Error(`test execution ${idOrKey} does not exist`);
    this.#markExecutionDeleted(position);
    this.#executionIndex = this.#newExecutionIndex();
  }

  #markExecutionDeleted(position: number): void {
    const { id, key } = this.testExecutions.at(position);
    this.#deletedExecutionIds.add(id);
    this.#deletedExecutionKeys.add(key);
  }

  /** Keys of the executions deleted by `deleteTestExecution` or with their case by `deleteTestCase`. */
  deletedTestExecutionKeys(): readonly string[] {
    return [...this.#deletedExecutionKeys];
  }

  /** Keys of the test cases deleted by `deleteTestCase`, in deletion order. */
  deletedTestCaseKeys(): readonly string[] {
    return [...this.#deletedTestCaseKeys];
  }

  /**
   * The facts as they are now, as a data set: the original data set with every edit, creation
   * and deletion made since (through the API or the test-only methods above), for checking a
   * migration against mutated data. A snapshot: later edits do not change it. It builds every
   * test case and execution, so it is meant for the small data sets of tests.
   */
  currentDataset(): ZephyrDataset {
    const testCases = this.allTestCasePositions().map((position) => this.testCases.at(position));
    const olderVersions = Object.fromEntries(
      testCases
        .filter((testCase) => testCase.version > 1)
        .map((testCase) => [
          testCase.key,
          Array.from({ length: testCase.version - 1 }, (_, index) => {
            const older = this.testCaseVersion(testCase.key, index + 1);
            if (!older) throw new Error(`version ${index + 1} of ${testCase.key} is missing`);
            return older;
          }),
        ]),
    );
    const dataset = this.#dataset;
    return materializedDataset({
      seed: dataset.seed,
      size: dataset.size,
      project: dataset.project,
      users: dataset.users,
      folders: [...this.#folders],
      statuses: dataset.statuses,
      priorities: dataset.priorities,
      environments: dataset.environments,
      testCases,
      testCycles: [...this.#testCycles],
      testPlans: dataset.testPlans,
      testExecutions: this.executionPositions({ onlyLastExecutions: false }).map((position) =>
        this.testExecutions.at(position),
      ),
      olderVersions,
    });
  }

  #existingFolder(id: number): DatasetFolder {
    const folder = this.folder(id);
    if (!folder) throw new Error(`folder ${id} does not exist`);
    return folder;
  }

  #replaceFolder(folder: DatasetFolder): DatasetFolder {
    replaceById(this.#folders, folder);
    replaceById(this.#createdFolders, folder);
    return folder;
  }

  summary(): ZephyrStoreSummary {
    return {
      project: this.project,
      counts: {
        folders: this.#folders.length,
        statuses: this.statuses.length,
        priorities: this.priorities.length,
        environments: this.environments.length,
        testCases: this.testCases.count,
        testCycles: this.#testCycles.length,
        testPlans: this.testPlans.length,
        testExecutions: this.testExecutions.count,
      },
      created: {
        folders: this.#createdFolders,
        testCases: this.#createdTestCases.map((testCase) => this.testCase(testCase.key) ?? testCase),
        testCycles: this.#createdTestCycles,
        testExecutions: this.#createdExecutions,
      },
      changedTestContent: Object.fromEntries(this.#changedContent),
    };
  }
}

/** Puts `item` where the entry with its id is, if there is one. */
function replaceById<T extends { readonly id: number }>(items: T[], item: T): void {
  const index = items.findIndex((candidate) => candidate.id === item.id);
  if (index >= 0) items[index] = item;
}

function itemAt<T>(fromDataset: LazyList<T>, created: readonly T[], position: number): T {
  if (position < fromDataset.count) return fromDataset.at(position);
  const item = created[position - fromDataset.count];
  if (item === undefined) throw new RangeError(`position ${position} is past the last item`);
  return item;
}

function growPositions(positions: number[], count: number): readonly number[] {
  for (let position = positions.length; position < count; position++) positions.push(position);
  return positions;
}

function findByIdOrKey<T extends { id: number; key: string }>(
  items: readonly T[],
  idOrKey: string,
): T | undefined {
  return /^[0-9]+$/.test(idOrKey)
    ? items.find((item) => item.id === Number(idOrKey))
    : items.find((item) => item.key === idOrKey);
}

function intersectAscending(a: readonly number[], b: readonly number[]): number[] {
  const both: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] ?? 0;
    const y = b[j] ?? 0;
    if (x === y) both.push(x);
    if (x <= y) i++;
    if (y <= x) j++;
  }
  return both;
}

function planCycleKey(planId: number, cycleId: number): string {
  return `${planId}:${cycleId}`;
}

/**
 * Plan↔cycle links are entities with ids in Zephyr, but the data set records only which plan
 * links which cycle. They are numbered here, deterministically in plan order, after the highest
 * issue or web link id of the plans and cycles.
 */
function numberPlanCycleLinks(dataset: ZephyrDataset): Map<string, number> {
  const linkIds = [...dataset.testPlans, ...dataset.testCycles].flatMap((entity) => [
    ...entity.issueLinks.map((link) => link.id),
    ...entity.webLinks.map((link) => link.id),
  ]);
  let nextId = Math.max(0, ...linkIds) + 1;
  const ids = new Map<string, number>();
  const pairs = [
    ...dataset.testPlans.flatMap((plan) => plan.testCycleIds.map((cycleId) => [plan.id, cycleId] as const)),
    ...dataset.testCycles.flatMap((cycle) => cycle.testPlanIds.map((planId) => [planId, cycle.id] as const)),
  ];
  for (const [planId, cycleId] of pairs) {
    const key = planCycleKey(planId, cycleId);
    if (!ids.has(key)) ids.set(key, nextId++);
  }
  return ids;
}
