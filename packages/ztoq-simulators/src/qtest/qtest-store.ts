import { createHash } from 'node:crypto';

/** Object types that have field settings (`…/settings/{objectType}/fields`). */
export const FIELD_OBJECT_TYPES = [
  'requirements',
  'test-cases',
  'defects',
  'test-runs',
  'test-suites',
  'releases',
  'builds',
  'test-steps',
] as const;
export type FieldObjectType = (typeof FIELD_OBJECT_TYPES)[number];

/** Containers of the execution tree; `root` has id 0. */
export type ContainerType = 'root' | 'release' | 'test-cycle' | 'test-suite';
export interface ContainerRef<T extends ContainerType = ContainerType> {
  readonly type: T;
  readonly id: number;
}
/** Containers that hold test cycles and test suites; runs may also sit in a suite. */
export type CycleParentType = Exclude<ContainerType, 'test-suite'>;
export const ROOT: ContainerRef<'root'> = { type: 'root', id: 0 };

export interface StoredUser {
  readonly id: number;
  readonly username: string;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
}

export interface StoredAllowedValue {
  readonly value: number;
  readonly label: string;
  readonly order: number;
  readonly isDefault: boolean;
  readonly isActive: boolean;
  readonly color?: string;
}

export interface StoredField {
  readonly id: number;
  readonly objectType: FieldObjectType;
  readonly label: string;
  /** The system name of a system field (`Priority`); custom fields have none. */
  readonly originalName?: string;
  /** Field type code, API-NOTES B.5: 1 text box … 17 multi-select combobox. */
  readonly dataType: number;
  readonly required: boolean;
  readonly multiple: boolean;
  readonly searchable: boolean;
  readonly defaultValue?: string;
  readonly systemField: boolean;
  readonly isActive: boolean;
  readonly order: number;
  readonly allowedValues: StoredAllowedValue[];
}

/** A field value as qTest stores it: always a string (`field_value`). */
export interface StoredProperty {
  readonly fieldId: number;
  readonly value: string;
}

export interface ExecutionStatus {
  readonly id: number;
  readonly name: string;
  readonly color: string;
  readonly isDefault: boolean;
}

interface Timestamps {
  readonly createdAt: string;
  modifiedAt: string;
}

export interface StoredModule extends Timestamps {
  readonly id: number;
  readonly pid: string;
  readonly name: string;
  readonly description?: string;
  /** Absent for modules directly under root. */
  readonly parentId?: number;
  readonly order: number;
}

export interface StoredTestStep {
  readonly id: number;
  readonly description: string;
  readonly expected: string;
  readonly order: number;
}

export interface StoredTestCaseVersion {
  /** The `test_case_version_id`. */
  readonly id: number;
  /** `0.1` when created, `1.0` once approved, `1.1` after a change to the approved `1.0`. */
  version: string;
  approved: boolean;
  /** Every version owns its steps; a new version copies them under new ids. */
  readonly steps: StoredTestStep[];
}

export interface StoredTestCase extends Timestamps {
  readonly id: number;
  readonly pid: string;
  readonly name: string;
  readonly moduleId: number;
  readonly description?: string;
  readonly precondition?: string;
  readonly properties: StoredProperty[];
  /** Oldest first; the last one is the latest version. */
  readonly versions: StoredTestCaseVersion[];
  readonly creatorId: number;
  readonly order: number;
}

export interface StoredRelease extends Timestamps {
  readonly id: number;
  readonly pid: string;
  readonly name: string;
  readonly description?: string;
  readonly note?: string;
  readonly startDate?: string;
  readonly endDate?: string;
  readonly properties: StoredProperty[];
  readonly order: number;
}

export interface StoredTestCycle extends Timestamps {
  readonly id: number;
  readonly pid: string;
  readonly name: string;
  readonly description?: string;
  readonly parent: ContainerRef<CycleParentType>;
  readonly targetReleaseId?: number;
  readonly order: number;
}

export interface StoredTestSuite extends Timestamps {
  readonly id: number;
  readonly pid: string;
  readonly name: string;
  readonly parent: ContainerRef<CycleParentType>;
  readonly properties: StoredProperty[];
  readonly targetReleaseId?: number;
  readonly order: number;
}

export interface StoredTestRun extends Timestamps {
  readonly id: number;
  readonly pid: string;
  readonly name: string;
  readonly parent: ContainerRef;
  properties: StoredProperty[];
  readonly testCaseId: number;
  readonly testCaseVersionId: number;
  readonly creatorId: number;
  readonly automated: boolean;
  readonly order: number;
}

export interface StoredTestStepLog {
  readonly id: number;
  readonly testStepId: number;
  readonly statusId: number;
  readonly description: string;
  readonly expectedResult: string;
  readonly actualResult?: string;
  readonly order: number;
}

export interface StoredTestLog {
  readonly id: number;
  readonly testRunId: number;
  readonly statusId: number;
  readonly exeStartDate: string;
  readonly exeEndDate: string;
  readonly testCaseVersionId: number;
  readonly note?: string;
  readonly name?: string;
  readonly buildNumber?: string;
  readonly buildUrl?: string;
  readonly plannedExeTime?: number;
  readonly actualExeTime?: number;
  readonly properties: StoredProperty[];
  readonly stepLogs: StoredTestStepLog[];
  /** The identifier of an automation test case, for logs submitted through the automation API. */
  readonly automationContent?: string;
  readonly authorId: number;
  readonly submittedAt: string;
}

/** Object types that take attachments (`…/{objectType}/{objectId}/blob-handles`). */
export const ATTACHMENT_OBJECT_TYPES = [
  'releases',
  'builds',
  'requirements',
  'test-cases',
  'test-logs',
  'test-steps',
  'test-step-logs',
  'defects',
] as const;
export type AttachmentObjectType = (typeof ATTACHMENT_OBJECT_TYPES)[number];

export interface StoredAttachment {
  readonly id: number;
  readonly objectType: AttachmentObjectType;
  readonly objectId: number;
  readonly name: string;
  readonly contentType: string;
  readonly data: Buffer;
  readonly authorId: number;
  readonly createdAt: string;
}

export interface StoredRequirement extends Timestamps {
  readonly id: number;
  readonly pid: string;
  readonly name: string;
  readonly parentId?: number;
  readonly properties: StoredProperty[];
  readonly order: number;
}

export interface StoredLink {
  readonly sourceType: string;
  readonly sourceId: number;
  readonly targetType: string;
  readonly targetId: number;
}

export type JobState = 'IN_WAITING' | 'IN_PROCESSING' | 'SUCCESS' | 'FAILED';

export interface StoredJob {
  readonly id: number;
  readonly projectId: number;
  readonly type: string;
  state: JobState;
  /** What the job reports once done. */
  content: string;
  /** Carries out the submission; run when the job reaches SUCCESS. */
  readonly process: () => string;
}

/** Everything one qTest project holds. Ids are site-wide; PIDs count per project and prefix. */
export class ProjectState {
  readonly id: number;
  readonly name: string;
  readonly description: string;
  readonly createdAt: string;
  readonly adminIds: readonly number[];
  readonly fields: StoredField[] = [];
  readonly executionStatuses: ExecutionStatus[] = [];
  readonly modules = new Map<number, StoredModule>();
  readonly testCases = new Map<number, StoredTestCase>();
  readonly releases = new Map<number, StoredRelease>();
  readonly testCycles = new Map<number, StoredTestCycle>();
  readonly testSuites = new Map<number, StoredTestSuite>();
  readonly testRuns = new Map<number, StoredTestRun>();
  readonly testLogs = new Map<number, StoredTestLog>();
  readonly attachments = new Map<number, StoredAttachment>();
  readonly requirements = new Map<number, StoredRequirement>();
  readonly links: StoredLink[] = [];
  readonly #pidCounters = new Map<string, number>();

  constructor(init: {
    id: number;
    name: string;
    description: string;
    createdAt: string;
    adminIds: number[];
  }) {
    this.id = init.id;
    this.name = init.name;
    this.description = init.description;
    this.createdAt = init.createdAt;
    this.adminIds = init.adminIds;
  }

  nextPid(prefix: 'MD' | 'TC' | 'RL' | 'CL' | 'TS' | 'TR' | 'RQ'): string {
    const next = (this.#pidCounters.get(prefix) ?? 0) + 1;
    this.#pidCounters.set(prefix, next);
    return `${prefix}-${next}`;
  }

  fieldsOf(objectType: FieldObjectType): StoredField[] {
    return this.fields.filter((field) => field.objectType === objectType);
  }

  /** The modules directly under a module, or under root for `undefined`. */
  childModules(parentId: number | undefined): StoredModule[] {
    return [...this.modules.values()].filter((module) => module.parentId === parentId);
  }

  latestVersion(testCase: StoredTestCase): StoredTestCaseVersion {
    const latest = testCase.versions.at(-1);
    if (!latest) throw new Error(`test case ${testCase.id} has no version`);
    return latest;
  }

  /** The run's logs in submission order. */
  logsOf(run: StoredTestRun): StoredTestLog[] {
    return [...this.testLogs.values()].filter((log) => log.testRunId === run.id);
  }

  /**
   * The run's latest log: the one that ended last, the later submission on a tie. The spec
   * does not define "latest"; execution order is what a history migrated out of order needs.
   */
  latestLog(run: StoredTestRun): StoredTestLog | undefined {
    let latest: StoredTestLog | undefined;
    for (const log of this.logsOf(run)) {
      if (!latest || Date.parse(log.exeEndDate) >= Date.parse(latest.exeEndDate)) latest = log;
    }
    return latest;
  }

  /** The step ids of every version, so a step can be found from its id alone. */
  findTestStep(stepId: number): { testCase: StoredTestCase; step: StoredTestStep } | undefined {
    for (const testCase of this.testCases.values()) {
      for (const version of testCase.versions) {
        const step = version.steps.find((candidate) => candidate.id === stepId);
        if (step) return { testCase, step };
      }
    }
    return undefined;
  }

  findTestStepLog(stepLogId: number): StoredTestStepLog | undefined {
    for (const log of this.testLogs.values()) {
      const found = log.stepLogs.find((stepLog) => stepLog.id === stepLogId);
      if (found) return found;
    }
    return undefined;
  }
}

export interface NewTestCase {
  name: string;
  moduleId: number;
  description?: string;
  precondition?: string;
  properties: StoredProperty[];
  /** In step order. */
  steps: readonly { description: string; expected: string }[];
  creatorId: number;
}

/**
 * The simulator's in-memory qTest site: users, projects and their content, queue jobs.
 * It allocates ids and PIDs and keeps the data consistent; the qTest rules that refuse bad
 * requests are checked before anything reaches it.
 */
export class QTestStore {
  readonly #now: () => number;
  readonly #projects = new Map<number, ProjectState>();
  readonly #users = new Map<number, StoredUser>();
  readonly #jobs = new Map<number, StoredJob>();
  /**
   * One sequence for every object id on the site, so no two objects of any kind share an id
   * and a client that sends a module id where a test case id belongs is refused.
   */
  #nextId = 10_001;

  constructor(now: () => number) {
    this.#now = now;
  }

  nextId(): number {
    return this.#nextId++;
  }

  timestamp(): string {
    return new Date(this.#now()).toISOString();
  }

  addUser(user: Omit<StoredUser, 'id'> & { id?: number }): StoredUser {
    const stored = { ...user, id: user.id ?? this.nextId() };
    this.#users.set(stored.id, stored);
    return stored;
  }

  users(): StoredUser[] {
    return [...this.#users.values()];
  }

  user(id: number): StoredUser | undefined {
    return this.#users.get(id);
  }

  userByName(username: string): StoredUser | undefined {
    return this.users().find((user) => user.username === username);
  }

  addProject(init: { id: number; name: string; description: string; adminIds: number[] }): ProjectState {
    if (this.#projects.has(init.id)) throw new Error(`project ${init.id} is seeded twice`);
    const project = new ProjectState({ ...init, createdAt: this.timestamp() });
    this.#projects.set(project.id, project);
    return project;
  }

  projects(): ProjectState[] {
    return [...this.#projects.values()];
  }

  project(id: number): ProjectState | undefined {
    return this.#projects.get(id);
  }

  addField(
    project: ProjectState,
    field: Omit<StoredField, 'id' | 'order' | 'allowedValues'> & {
      allowedValues?: readonly Omit<StoredAllowedValue, 'order'>[];
    },
  ): StoredField {
    const stored: StoredField = {
      ...field,
      id: this.nextId(),
      order: project.fieldsOf(field.objectType).length + 1,
      allowedValues: [],
    };
    project.fields.push(stored);
    for (const value of field.allowedValues ?? []) this.#pushAllowedValue(stored, value);
    return stored;
  }

  /** Adds allowed values to a picklist; their `value`s come from the site-wide id sequence. */
  addAllowedValues(
    field: StoredField,
    values: readonly Omit<StoredAllowedValue, 'order' | 'value'>[],
  ): StoredAllowedValue[] {
    return values.map((value) => this.#pushAllowedValue(field, { ...value, value: this.nextId() }));
  }

  #pushAllowedValue(field: StoredField, value: Omit<StoredAllowedValue, 'order'>): StoredAllowedValue {
    const stored = { ...value, order: field.allowedValues.length + 1 };
    field.allowedValues.push(stored);
    return stored;
  }

  addModule(
    project: ProjectState,
    module: { name: string; description?: string; parentId?: number },
  ): StoredModule {
    const siblings = [...project.modules.values()].filter((other) => other.parentId === module.parentId);
    const now = this.timestamp();
    const stored: StoredModule = {
      ...module,
      id: this.nextId(),
      pid: project.nextPid('MD'),
      order: siblings.length + 1,
      createdAt: now,
      modifiedAt: now,
    };
    project.modules.set(stored.id, stored);
    return stored;
  }

  /** Renames a module or changes its description; a description left out is cleared (full PUT). */
  updateModule(
    project: ProjectState,
    module: StoredModule,
    change: { name: string; description?: string },
  ): StoredModule {
    const { description: _description, ...kept } = module;
    return this.#replace(project.modules, { ...kept, ...change, modifiedAt: this.timestamp() });
  }

  /** Moves a module, with its subtree, to the end of its new parent's children. */
  moveModule(project: ProjectState, module: StoredModule, parentId: number | undefined): StoredModule {
    const { parentId: _parentId, order: _order, ...kept } = module;
    return this.#replace(project.modules, {
      ...kept,
      ...(parentId === undefined ? {} : { parentId }),
      order: project.childModules(parentId).filter((other) => other.id !== module.id).length + 1,
      modifiedAt: this.timestamp(),
    });
  }

  /** Stored objects are immutable records; an update stores a new record under the same id. */
  #replace<T extends { readonly id: number }>(items: Map<number, T>, updated: T): T {
    items.set(updated.id, updated);
    return updated;
  }

  addTestCase(project: ProjectState, testCase: NewTestCase): StoredTestCase {
    const { steps, ...rest } = testCase;
    const siblings = [...project.testCases.values()].filter((other) => other.moduleId === testCase.moduleId);
    const now = this.timestamp();
    const stored: StoredTestCase = {
      ...rest,
      id: this.nextId(),
      pid: project.nextPid('TC'),
      versions: [],
      order: siblings.length + 1,
      createdAt: now,
      modifiedAt: now,
    };
    stored.versions.push({
      id: this.nextId(),
      version: '0.1',
      approved: false,
      steps: this.#numberSteps(steps),
    });
    project.testCases.set(stored.id, stored);
    return stored;
  }

  /**
   * Approves the latest version in place: `0.3` becomes `1.0`, `1.2` becomes `2.0`. The spec
   * does not say whether approving makes a new version record; in place keeps the runs and step
   * ids that point at it valid.
   */
  approveLatest(project: ProjectState, testCase: StoredTestCase): StoredTestCaseVersion {
    const latest = project.latestVersion(testCase);
    if (!latest.approved) {
      latest.version = `${majorOf(latest.version) + 1}.0`;
      latest.approved = true;
      testCase.modifiedAt = this.timestamp();
    }
    return latest;
  }

  /**
   * Saves a change to an approved version as the next minor version (`1.0` → `1.1`), its steps
   * copied under new ids: step ids belong to one version, as the version-scoped step endpoints
   * of the spec suggest.
   */
  addMinorVersion(
    project: ProjectState,
    testCase: StoredTestCase,
    steps: readonly { description: string; expected: string }[],
  ): StoredTestCaseVersion {
    const latest = project.latestVersion(testCase);
    const minor = Number(latest.version.split('.')[1] ?? 0);
    const version = {
      id: this.nextId(),
      version: `${majorOf(latest.version)}.${minor + 1}`,
      approved: false,
      steps: this.#numberSteps(steps),
    };
    testCase.versions.push(version);
    testCase.modifiedAt = this.timestamp();
    return version;
  }

  /**
   * Saves an edit (`PUT …/test-cases/{id}`) as a new version: qTest versions every save of a test
   * case, `0.1` → `0.2`, `1.0` → `1.1`. The old versions keep their steps, so runs and logs that
   * point at them stay valid; the new version's steps always get new ids (the given steps, or a
   * copy of the latest version's when the body has none).
   * Assumption: name, description, precondition and properties belong to the case, not to a
   * version (the spec's version resource has no such fields), so reads of an old version show
   * the case's current name.
   */
  updateTestCase(
    project: ProjectState,
    testCase: StoredTestCase,
    change: Pick<StoredTestCase, 'name' | 'properties' | 'moduleId'> & {
      description?: string;
      precondition?: string;
      steps?: readonly { description: string; expected: string }[];
    },
  ): StoredTestCase {
    const { steps, ...fields } = change;
    const { description: _description, precondition: _precondition, ...kept } = testCase;
    const updated: StoredTestCase = { ...kept, ...fields, modifiedAt: this.timestamp() };
    project.testCases.set(updated.id, updated);
    this.addMinorVersion(project, updated, steps ?? project.latestVersion(testCase).steps);
    return updated;
  }

  /** Appends a step to an unapproved version in place. */
  addStep(
    testCase: StoredTestCase,
    version: StoredTestCaseVersion,
    step: { description: string; expected: string },
  ) {
    const stored = { id: this.nextId(), ...step, order: version.steps.length + 1 };
    version.steps.push(stored);
    testCase.modifiedAt = this.timestamp();
    return stored;
  }

  #numberSteps(steps: readonly { description: string; expected: string }[]): StoredTestStep[] {
    return steps.map((step, index) => ({
      id: this.nextId(),
      description: step.description,
      expected: step.expected,
      order: index + 1,
    }));
  }

  addRelease(
    project: ProjectState,
    release: Omit<StoredRelease, 'id' | 'pid' | 'order' | 'createdAt' | 'modifiedAt'>,
  ): StoredRelease {
    const now = this.timestamp();
    const stored: StoredRelease = {
      ...release,
      id: this.nextId(),
      pid: project.nextPid('RL'),
      order: project.releases.size + 1,
      createdAt: now,
      modifiedAt: now,
    };
    project.releases.set(stored.id, stored);
    return stored;
  }

  addTestCycle(
    project: ProjectState,
    cycle: Omit<StoredTestCycle, 'id' | 'pid' | 'order' | 'createdAt' | 'modifiedAt'>,
  ): StoredTestCycle {
    const now = this.timestamp();
    const stored: StoredTestCycle = {
      ...cycle,
      id: this.nextId(),
      pid: project.nextPid('CL'),
      order: countChildren(project.testCycles, cycle.parent) + 1,
      createdAt: now,
      modifiedAt: now,
    };
    project.testCycles.set(stored.id, stored);
    return stored;
  }

  addTestSuite(
    project: ProjectState,
    suite: Omit<StoredTestSuite, 'id' | 'pid' | 'order' | 'createdAt' | 'modifiedAt'>,
  ): StoredTestSuite {
    const now = this.timestamp();
    const stored: StoredTestSuite = {
      ...suite,
      id: this.nextId(),
      pid: project.nextPid('TS'),
      order: countChildren(project.testSuites, suite.parent) + 1,
      createdAt: now,
      modifiedAt: now,
    };
    project.testSuites.set(stored.id, stored);
    return stored;
  }

  addTestRun(
    project: ProjectState,
    run: Omit<StoredTestRun, 'id' | 'pid' | 'order' | 'createdAt' | 'modifiedAt'>,
  ): StoredTestRun {
    const now = this.timestamp();
    const stored: StoredTestRun = {
      ...run,
      id: this.nextId(),
      pid: project.nextPid('TR'),
      order: countChildren(project.testRuns, run.parent) + 1,
      createdAt: now,
      modifiedAt: now,
    };
    project.testRuns.set(stored.id, stored);
    return stored;
  }

  /** A full update of a release (`PUT …/releases/{id}`): optional fields left out are cleared. */
  updateRelease(
    project: ProjectState,
    release: StoredRelease,
    change: Omit<StoredRelease, 'id' | 'pid' | 'order' | 'createdAt' | 'modifiedAt'>,
  ): StoredRelease {
    const { id, pid, order, createdAt } = release;
    return this.#replace(project.releases, {
      id,
      pid,
      order,
      createdAt,
      ...change,
      modifiedAt: this.timestamp(),
    });
  }

  /** Renames a cycle or changes its description and target release; left-out fields are cleared. */
  updateTestCycle(
    project: ProjectState,
    cycle: StoredTestCycle,
    change: { name: string; description?: string; targetReleaseId?: number },
  ): StoredTestCycle {
    const { id, pid, order, createdAt, parent } = cycle;
    return this.#replace(project.testCycles, {
      id,
      pid,
      order,
      createdAt,
      parent,
      ...change,
      modifiedAt: this.timestamp(),
    });
  }

  /** Moves a cycle, with everything below it, to the end of its new parent's cycles. */
  moveTestCycle(
    project: ProjectState,
    cycle: StoredTestCycle,
    parent: ContainerRef<CycleParentType>,
  ): StoredTestCycle {
    const others = new Map([...project.testCycles].filter(([id]) => id !== cycle.id));
    return this.#replace(project.testCycles, {
      ...cycle,
      parent,
      order: countChildren(others, parent) + 1,
      modifiedAt: this.timestamp(),
    });
  }

  updateTestRun(
    project: ProjectState,
    run: StoredTestRun,
    change: { name: string; properties: StoredProperty[] },
  ): StoredTestRun {
    return this.#replace(project.testRuns, { ...run, ...change, modifiedAt: this.timestamp() });
  }

  /** Moves a run to the end of its new container's runs. */
  moveTestRun(project: ProjectState, run: StoredTestRun, parent: ContainerRef): StoredTestRun {
    const others = new Map([...project.testRuns].filter(([id]) => id !== run.id));
    return this.#replace(project.testRuns, {
      ...run,
      parent,
      order: countChildren(others, parent) + 1,
      modifiedAt: this.timestamp(),
    });
  }

  /** Replaces a log's result; its id, run, version and author stay. */
  updateTestLog(project: ProjectState, log: StoredTestLog, updated: StoredTestLog): StoredTestLog {
    if (updated.id !== log.id) throw new Error(`log ${log.id} cannot become log ${updated.id}`);
    return this.#replace(project.testLogs, updated);
  }

  addTestLog(
    project: ProjectState,
    log: Omit<StoredTestLog, 'id' | 'submittedAt' | 'stepLogs'> & {
      stepLogs: readonly Omit<StoredTestStepLog, 'id'>[];
    },
  ): StoredTestLog {
    const stored: StoredTestLog = {
      ...log,
      id: this.nextId(),
      submittedAt: this.timestamp(),
      stepLogs: log.stepLogs.map((stepLog) => ({ ...stepLog, id: this.nextId() })),
    };
    project.testLogs.set(stored.id, stored);
    return stored;
  }

  addAttachment(
    project: ProjectState,
    attachment: Omit<StoredAttachment, 'id' | 'createdAt'>,
  ): StoredAttachment {
    const stored = { ...attachment, id: this.nextId(), createdAt: this.timestamp() };
    project.attachments.set(stored.id, stored);
    return stored;
  }

  addRequirement(
    project: ProjectState,
    requirement: { name: string; parentId?: number; properties: StoredProperty[] },
  ): StoredRequirement {
    const siblings = [...project.requirements.values()].filter(
      (other) => other.parentId === requirement.parentId,
    );
    const now = this.timestamp();
    const stored: StoredRequirement = {
      ...requirement,
      id: this.nextId(),
      pid: project.nextPid('RQ'),
      order: siblings.length + 1,
      createdAt: now,
      modifiedAt: now,
    };
    project.requirements.set(stored.id, stored);
    return stored;
  }

  /** Adds a link unless it exists already; linking twice is not an error in qTest. */
  addLink(project: ProjectState, link: StoredLink): void {
    const exists = project.links.some(
      (other) =>
        other.sourceType === link.sourceType &&
        other.sourceId === link.sourceId &&
        other.targetType === link.targetType &&
        other.targetId === link.targetId,
    );
    if (!exists) project.links.push(link);
  }

  addJob(job: Omit<StoredJob, 'id' | 'state' | 'content'>): StoredJob {
    const stored: StoredJob = { ...job, id: this.nextId(), state: 'IN_WAITING', content: '' };
    this.#jobs.set(stored.id, stored);
    return stored;
  }

  job(id: number): StoredJob | undefined {
    return this.#jobs.get(id);
  }

  /** The whole site as plain JSON, for `/__simulator/state`; attachment bytes as size and digest. */
  toJSON(): unknown {
    return {
      users: this.users(),
      projects: this.projects().map((project) => ({
        id: project.id,
        name: project.name,
        description: project.description,
        adminIds: project.adminIds,
        fields: project.fields,
        executionStatuses: project.executionStatuses,
        modules: [...project.modules.values()],
        testCases: [...project.testCases.values()],
        releases: [...project.releases.values()],
        testCycles: [...project.testCycles.values()],
        testSuites: [...project.testSuites.values()],
        testRuns: [...project.testRuns.values()],
        testLogs: [...project.testLogs.values()],
        attachments: [...project.attachments.values()].map(({ data, ...attachment }) => ({
          ...attachment,
          size: data.length,
          sha256: createHash('sha256').update(data).digest('hex'),
        })),
        requirements: [...project.requirements.values()],
        links: project.links,
      })),
      jobs: [...this.#jobs.values()].map(({ process: _process, ...job }) => job),
    };
  }
}

function majorOf(version: string): number {
  return Number(version.split('.')[0] ?? 0);
}

function countChildren(items: Map<number, { parent: ContainerRef }>, parent: ContainerRef): number {
  let count = 0;
  for (const item of items.values()) {
    if (item.parent.type === parent.type && item.parent.id === parent.id) count += 1;
  }
  return count;
}
