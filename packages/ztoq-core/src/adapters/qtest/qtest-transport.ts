import { apiError } from '../../api/api-error.js';
import type { ApiOperation } from '../../api/operation.js';
import type { QTestClient } from '../../api/qtest-client.js';
import { ZtoqError } from '../../errors.js';
import type { components } from '../../generated/qtest-paths.js';
import type { QTestFieldObjectType } from './qtest-context.js';

type Schemas = components['schemas'];
export type QTestProjectResource = Schemas['ProjectResource'];
export type QTestFieldResource = Schemas['FieldResource'];
export type QTestModuleResource = Schemas['ModuleResource'];
export type QTestTestCaseResource = Schemas['TestCaseWithCustomFieldResource'];
export type QTestStepResource = Schemas['TestStepResource'];
export type QTestReleaseResource = Schemas['ReleaseWithCustomFieldResource'];
export type QTestCycleResource = Schemas['TestCycleResource'];
export type QTestRunResource = Schemas['TestRunWithCustomFieldResource'];
export type QTestLogResource = Schemas['TestLogResource'];
export type QTestManualLogBody = Schemas['ManualTestLogResource'];
export type QTestStatusResource = Schemas['StatusResource'];
export type QTestUserResource = Schemas['UserResource'];
export type QTestPropertyResource = Schemas['PropertyResource'];
/**
 * The spec types a run's `test_case` as a whole test case (whose `properties` are required);
 * creating a run needs only its id (API-NOTES B.8: `test_case*: { id }`).
 */
export type QTestRunRequest = Omit<QTestRunResource, 'test_case'> & { test_case: { id: number } };

/** Where a test cycle or test run hangs in the execution tree. Root is `parentId=0` (API-NOTES B.7). */
export type QTestExecutionParent = { type: 'root'; id: 0 } | { type: 'test-cycle'; id: number };

export const EXECUTION_ROOT: QTestExecutionParent = { type: 'root', id: 0 };

/** The object types `POST …/search` is asked about: by the finders, and by the census. */
export type QTestSearchObjectType = 'test-cases' | 'releases' | 'test-cycles' | 'test-runs' | 'test-logs';

/** What openapi-fetch resolves to, narrowed to what the transport reads. */
interface CallResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * The documented maximum page size of the `{page, page_size, total, items}` lists (test runs,
 * test logs, search: "up to 999", API-NOTES B.2). Bigger pages mean fewer requests per find.
 */
const ENVELOPE_PAGE_SIZE = 999;
/** Test cycles state no maximum; the default (100) is the size every qTest version accepts. */
const CYCLE_PAGE_SIZE = 100;
/** `POST …/fields/{id}/allowed-values` takes at most 100 values per call (API-NOTES B.5). */
export const ALLOWED_VALUES_PER_CALL = 100;

const P = '/api/v3/projects/{projectId}';
const OPERATIONS = {
  getProject: { method: 'GET', path: P },
  getFields: { method: 'GET', path: `${P}/settings/{objectType}/fields` },
  createField: { method: 'POST', path: `${P}/settings/{objectType}/fields` },
  createAllowedValues: { method: 'POST', path: `${P}/settings/{objectType}/fields/{fieldId}/allowed-values` },
  getExecutionStatuses: { method: 'GET', path: `${P}/test-runs/execution-statuses` },
  getUsers: { method: 'GET', path: `${P}/users` },
  getModules: { method: 'GET', path: `${P}/modules` },
  getModule: { method: 'GET', path: `${P}/modules/{moduleId}` },
  createModule: { method: 'POST', path: `${P}/modules` },
  search: { method: 'POST', path: `${P}/search` },
  createTestCase: { method: 'POST', path: `${P}/test-cases` },
  getTestCase: { method: 'GET', path: `${P}/test-cases/{testCaseId}` },
  getTestSteps: { method: 'GET', path: `${P}/test-cases/{testCaseId}/test-steps` },
  createRelease: { method: 'POST', path: `${P}/releases` },
  getRelease: { method: 'GET', path: `${P}/releases/{releaseId}` },
  getTestCycles: { method: 'GET', path: `${P}/test-cycles` },
  getTestCycle: { method: 'GET', path: `${P}/test-cycles/{testCycleId}` },
  createTestCycle: { method: 'POST', path: `${P}/test-cycles` },
  getTestRuns: { method: 'GET', path: `${P}/test-runs` },
  getTestRun: { method: 'GET', path: `${P}/test-runs/{testRunId}` },
  createTestRun: { method: 'POST', path: `${P}/test-runs` },
  getTestLogs: { method: 'GET', path: `${P}/test-runs/{testRunId}/test-logs` },
  getTestLog: { method: 'GET', path: `${P}/test-runs/{testRunId}/test-logs/{id}` },
  createTestLog: { method: 'POST', path: `${P}/test-runs/{testRunId}/test-logs` },
  updateModule: { method: 'PUT', path: `${P}/modules/{moduleId}` },
  updateTestCase: { method: 'PUT', path: `${P}/test-cases/{testCaseId}` },
  updateRelease: { method: 'PUT', path: `${P}/releases/{releaseId}` },
  updateTestCycle: { method: 'PUT', path: `${P}/test-cycles/{testCycleId}` },
  updateTestRun: { method: 'PUT', path: `${P}/test-runs/{testRunId}` },
  updateTestLog: { method: 'PUT', path: `${P}/test-runs/{testRunId}/test-logs/{id}` },
} as const satisfies Record<string, ApiOperation>;

/**
 * Every HTTP call the qTest target makes, for one project, and nothing else: no decisions,
 * no mapping. Each method answers the resource as qTest sent it or throws what `apiError`
 * makes of a refusal (`AuthError` for 401/403, `ApiError` otherwise). Reads of one object by
 * id resolve `undefined` on 404, since "it is gone" is an answer verify and find need.
 */
export class QTestTransport {
  readonly #client: QTestClient;
  readonly projectId: number;

  constructor(client: QTestClient, projectId: number) {
    this.#client = client;
    this.projectId = projectId;
  }

  /** With `expand=userprofile`, qTest adds the caller's permissions in the project (when it supports it). */
  getProject(signal?: AbortSignal): Promise<QTestProjectResource | undefined> {
    return orMissing(
      OPERATIONS.getProject,
      this.#client.GET(OPERATIONS.getProject.path, {
        params: { path: this.#project(), query: { expand: 'userprofile' } },
        signal,
      }),
    );
  }

  /** Active fields only: inactive ones cannot take values, so the mapping must not pick them. */
  listFields(objectType: QTestFieldObjectType, signal?: AbortSignal): Promise<QTestFieldResource[]> {
    return required(
      OPERATIONS.getFields,
      this.#client.GET(OPERATIONS.getFields.path, {
        params: { path: { ...this.#project(), objectType } },
        signal,
      }),
    );
  }

  createField(
    objectType: QTestFieldObjectType,
    body: QTestFieldResource,
    signal?: AbortSignal,
  ): Promise<QTestFieldResource> {
    return required(
      OPERATIONS.createField,
      this.#client.POST(OPERATIONS.createField.path, {
        params: { path: { ...this.#project(), objectType } },
        body,
        signal,
      }),
    );
  }

  /** One call; the caller keeps to `ALLOWED_VALUES_PER_CALL`. qTest may answer 201 without a body. */
  async addAllowedValues(
    objectType: QTestFieldObjectType,
    fieldId: number,
    labels: readonly string[],
    signal?: AbortSignal,
  ): Promise<void> {
    if (labels.length > ALLOWED_VALUES_PER_CALL) {
      throw new RangeError(`qTest takes at most ${ALLOWED_VALUES_PER_CALL} allowed values per call`);
    }
    const { error, response } = await this.#client.POST(OPERATIONS.createAllowedValues.path, {
      params: { path: { ...this.#project(), objectType, fieldId } },
      body: labels.map((label) => ({ label })),
      signal,
    });
    if (!response.ok) throw apiError('qTest', OPERATIONS.createAllowedValues, response, error);
  }

  listExecutionStatuses(signal?: AbortSignal): Promise<QTestStatusResource[]> {
    return required(
      OPERATIONS.getExecutionStatuses,
      this.#client.GET(OPERATIONS.getExecutionStatuses.path, { params: { path: this.#project() }, signal }),
    );
  }

  listProjectUsers(signal?: AbortSignal): Promise<QTestUserResource[]> {
    return required(
      OPERATIONS.getUsers,
      this.#client.GET(OPERATIONS.getUsers.path, { params: { path: this.#project() }, signal }),
    );
  }

  /** The modules directly under `parentId`, or the top-level ones; the list is not paged (API-NOTES B.2). */
  listModules(parentId: number | undefined, signal?: AbortSignal): Promise<QTestModuleResource[]> {
    return required(
      OPERATIONS.getModules,
      this.#client.GET(OPERATIONS.getModules.path, {
        params: { path: this.#project(), query: parentId === undefined ? {} : { parentId } },
        signal,
      }),
    );
  }

  /** The top-level modules with all their descendants in `children`: the whole tree in one read. */
  listModuleTree(signal?: AbortSignal): Promise<QTestModuleResource[]> {
    return required(
      OPERATIONS.getModules,
      this.#client.GET(OPERATIONS.getModules.path, {
        params: { path: this.#project(), query: { expand: 'descendants' } },
        signal,
      }),
    );
  }

  getModule(moduleId: number, signal?: AbortSignal): Promise<QTestModuleResource | undefined> {
    return orMissing(
      OPERATIONS.getModule,
      this.#client.GET(OPERATIONS.getModule.path, {
        params: { path: { ...this.#project(), moduleId } },
        signal,
      }),
    );
  }

  /**
   * qTest 6+ reads the parent from the `parentId` query, older versions from `parent_id` in the
   * body (API-NOTES B.4); both are sent. Without a parent the module goes to the top level.
   */
  createModule(
    body: QTestModuleResource,
    parentId: number | undefined,
    signal?: AbortSignal,
  ): Promise<QTestModuleResource> {
    return required(
      OPERATIONS.createModule,
      this.#client.POST(OPERATIONS.createModule.path, {
        params: { path: this.#project(), query: parentId === undefined ? {} : { parentId } },
        body: parentId === undefined ? body : { ...body, parent_id: parentId },
        signal,
      }),
    );
  }

  /**
   * Every hit of a Data Query, all pages read (only the first with `firstPageOnly`). Hits are
   * returned as qTest sent them; which resource shape they have depends on `objectType`.
   */
  async search(
    objectType: QTestSearchObjectType,
    query: string,
    options: {
      appendTestSteps?: boolean;
      fields?: readonly string[];
      firstPageOnly?: boolean;
      signal?: AbortSignal;
    } = {},
  ): Promise<Record<string, unknown>[]> {
    const hits: Record<string, unknown>[] = [];
    for (let page = 1; ; page++) {
      const result = await required(
        OPERATIONS.search,
        this.#client.POST(OPERATIONS.search.path, {
          params: {
            path: this.#project(),
            query: {
              page,
              pageSize: ENVELOPE_PAGE_SIZE,
              ...(options.appendTestSteps ? { appendTestSteps: true } : {}),
            },
          },
          body: { object_type: objectType, fields: [...(options.fields ?? ['*'])], query },
          signal: options.signal,
        }),
      );
      const items = (result.items ?? []) as Record<string, unknown>[];
      hits.push(...items);
      if (options.firstPageOnly || isLastPage(items.length, ENVELOPE_PAGE_SIZE, hits.length, result.total))
        return hits;
    }
  }

  /** Answers 200, not 201 (API-NOTES B.6); the answer carries the created steps with their ids. */
  createTestCase(body: QTestTestCaseResource, signal?: AbortSignal): Promise<QTestTestCaseResource> {
    return required(
      OPERATIONS.createTestCase,
      this.#client.POST(OPERATIONS.createTestCase.path, {
        params: { path: this.#project() },
        body,
        signal,
      }),
    );
  }

  /** The latest version, with its steps. */
  getTestCase(testCaseId: number, signal?: AbortSignal): Promise<QTestTestCaseResource | undefined> {
    return orMissing(
      OPERATIONS.getTestCase,
      this.#client.GET(OPERATIONS.getTestCase.path, {
        params: {
          path: { ...this.#project(), testCaseId: String(testCaseId) },
          query: { expand: 'teststep' },
        },
        signal,
      }),
    );
  }

  /** The steps of the latest version, in qTest's order. */
  listTestSteps(testCaseId: number, signal?: AbortSignal): Promise<QTestStepResource[]> {
    return required(
      OPERATIONS.getTestSteps,
      this.#client.GET(OPERATIONS.getTestSteps.path, {
        params: { path: { ...this.#project(), testCaseId } },
        signal,
      }),
    );
  }

  createRelease(body: QTestReleaseResource, signal?: AbortSignal): Promise<QTestReleaseResource> {
    return required(
      OPERATIONS.createRelease,
      this.#client.POST(OPERATIONS.createRelease.path, {
        params: { path: this.#project() },
        body,
        signal,
      }),
    );
  }

  getRelease(releaseId: number, signal?: AbortSignal): Promise<QTestReleaseResource | undefined> {
    return orMissing(
      OPERATIONS.getRelease,
      this.#client.GET(OPERATIONS.getRelease.path, {
        params: { path: { ...this.#project(), releaseId } },
        signal,
      }),
    );
  }

  /** The cycles directly under `parent`, all pages read (the list is a bare array). */
  async listTestCycles(parent: QTestExecutionParent, signal?: AbortSignal): Promise<QTestCycleResource[]> {
    const cycles: QTestCycleResource[] = [];
    for (let page = 1; ; page++) {
      const items = await required(
        OPERATIONS.getTestCycles,
        this.#client.GET(OPERATIONS.getTestCycles.path, {
          params: {
            path: this.#project(),
            query: { parentId: parent.id, parentType: parent.type, page, pageSize: CYCLE_PAGE_SIZE },
          },
          signal,
        }),
      );
      cycles.push(...items);
      if (isLastPage(items.length, CYCLE_PAGE_SIZE, cycles.length, undefined)) return cycles;
    }
  }

  getTestCycle(testCycleId: number, signal?: AbortSignal): Promise<QTestCycleResource | undefined> {
    return orMissing(
      OPERATIONS.getTestCycle,
      this.#client.GET(OPERATIONS.getTestCycle.path, {
        params: { path: { ...this.#project(), testCycleId } },
        signal,
      }),
    );
  }

  createTestCycle(
    body: QTestCycleResource,
    parent: QTestExecutionParent,
    signal?: AbortSignal,
  ): Promise<QTestCycleResource> {
    return required(
      OPERATIONS.createTestCycle,
      this.#client.POST(OPERATIONS.createTestCycle.path, {
        params: { path: this.#project(), query: { parentId: parent.id, parentType: parent.type } },
        body,
        signal,
      }),
    );
  }

  /** The runs directly under `parent`, all pages read. */
  async listTestRuns(parent: QTestExecutionParent, signal?: AbortSignal): Promise<QTestRunResource[]> {
    const runs: QTestRunResource[] = [];
    for (let page = 1; ; page++) {
      const result = await required(
        OPERATIONS.getTestRuns,
        this.#client.GET(OPERATIONS.getTestRuns.path, {
          params: {
            path: this.#project(),
            query: { parentId: parent.id, parentType: parent.type, page, pageSize: ENVELOPE_PAGE_SIZE },
          },
          signal,
        }),
      );
      const items = result.items ?? [];
      runs.push(...items);
      if (isLastPage(items.length, ENVELOPE_PAGE_SIZE, runs.length, result.total)) return runs;
    }
  }

  getTestRun(testRunId: number, signal?: AbortSignal): Promise<QTestRunResource | undefined> {
    return orMissing(
      OPERATIONS.getTestRun,
      this.#client.GET(OPERATIONS.getTestRun.path, {
        params: { path: { ...this.#project(), testRunId } },
        signal,
      }),
    );
  }

  createTestRun(
    body: QTestRunRequest,
    parent: QTestExecutionParent,
    signal?: AbortSignal,
  ): Promise<QTestRunResource> {
    return required(
      OPERATIONS.createTestRun,
      this.#client.POST(OPERATIONS.createTestRun.path, {
        params: { path: this.#project(), query: { parentId: parent.id, parentType: parent.type } },
        body: body as QTestRunResource,
        signal,
      }),
    );
  }

  /** Every log of the run, all pages read. */
  async listTestLogs(testRunId: number, signal?: AbortSignal): Promise<QTestLogResource[]> {
    const logs: QTestLogResource[] = [];
    for (let page = 1; ; page++) {
      const result = await required(
        OPERATIONS.getTestLogs,
        this.#client.GET(OPERATIONS.getTestLogs.path, {
          params: { path: { ...this.#project(), testRunId }, query: { page, pageSize: ENVELOPE_PAGE_SIZE } },
          signal,
        }),
      );
      const items = result.items ?? [];
      logs.push(...items);
      if (isLastPage(items.length, ENVELOPE_PAGE_SIZE, logs.length, result.total)) return logs;
    }
  }

  getTestLog(testRunId: number, logId: number, signal?: AbortSignal): Promise<QTestLogResource | undefined> {
    return orMissing(
      OPERATIONS.getTestLog,
      this.#client.GET(OPERATIONS.getTestLog.path, {
        params: { path: { ...this.#project(), testRunId, id: logId } },
        signal,
      }),
    );
  }

  createTestLog(
    testRunId: number,
    body: QTestManualLogBody,
    signal?: AbortSignal,
  ): Promise<QTestLogResource> {
    return required(
      OPERATIONS.createTestLog,
      this.#client.POST(OPERATIONS.createTestLog.path, {
        params: { path: { ...this.#project(), testRunId } },
        body,
        signal,
      }),
    );
  }

  /** With `parentId` a move (the body unread, API-NOTES B.4); without, a rename or new description. */
  updateModule(
    moduleId: number,
    body: QTestModuleResource,
    parentId: number | undefined,
    signal?: AbortSignal,
  ): Promise<QTestModuleResource> {
    return required(
      OPERATIONS.updateModule,
      this.#client.PUT(OPERATIONS.updateModule.path, {
        params: { path: { ...this.#project(), moduleId }, query: parentId === undefined ? {} : { parentId } },
        body: parentId === undefined ? body : { ...body, parent_id: parentId },
        signal,
      }),
    );
  }

  /** qTest keeps the case's id and makes a new version of it; steps sent replace the old ones. */
  updateTestCase(
    testCaseId: number,
    body: QTestTestCaseResource,
    signal?: AbortSignal,
  ): Promise<QTestTestCaseResource> {
    return required(
      OPERATIONS.updateTestCase,
      this.#client.PUT(OPERATIONS.updateTestCase.path, {
        params: { path: { ...this.#project(), testCaseId } },
        body,
        signal,
      }),
    );
  }

  updateRelease(
    releaseId: number,
    body: QTestReleaseResource,
    signal?: AbortSignal,
  ): Promise<QTestReleaseResource> {
    return required(
      OPERATIONS.updateRelease,
      this.#client.PUT(OPERATIONS.updateRelease.path, {
        params: { path: { ...this.#project(), releaseId } },
        body,
        signal,
      }),
    );
  }

  /** Rename or move under another parent (`parentId`/`parentType`, as on create). */
  updateTestCycle(
    testCycleId: number,
    body: QTestCycleResource,
    moveTo: QTestExecutionParent | undefined,
    signal?: AbortSignal,
  ): Promise<QTestCycleResource> {
    return required(
      OPERATIONS.updateTestCycle,
      this.#client.PUT(OPERATIONS.updateTestCycle.path, {
        params: {
          path: { ...this.#project(), testCycleId },
          query: moveTo === undefined ? {} : { parentId: moveTo.id, parentType: moveTo.type },
        },
        body,
        signal,
      }),
    );
  }

  updateTestRun(
    testRunId: number,
    body: QTestRunRequest,
    moveTo: QTestExecutionParent | undefined,
    signal?: AbortSignal,
  ): Promise<QTestRunResource> {
    return required(
      OPERATIONS.updateTestRun,
      this.#client.PUT(OPERATIONS.updateTestRun.path, {
        params: {
          path: { ...this.#project(), testRunId },
          query: moveTo === undefined ? {} : { parentId: moveTo.id, parentType: moveTo.type },
        },
        body: body as QTestRunResource,
        signal,
      }),
    );
  }

  updateTestLog(
    testRunId: number,
    logId: number,
    body: QTestManualLogBody,
    signal?: AbortSignal,
  ): Promise<QTestLogResource> {
    return required(
      OPERATIONS.updateTestLog,
      this.#client.PUT(OPERATIONS.updateTestLog.path, {
        params: { path: { ...this.#project(), testRunId, id: logId } },
        body: body as QTestLogResource,
        signal,
      }),
    );
  }

  #project(): { projectId: number } {
    return { projectId: this.projectId };
  }
}

/**
 * A page shorter than asked for is the last (API-NOTES B.2 [inference]); so is reaching the
 * `total` an envelope states, which also stops a server that ignores `page` and repeats a
 * full page from looping forever.
 */
function isLastPage(
  received: number,
  pageSize: number,
  collected: number,
  total: number | undefined,
): boolean {
  if (received < pageSize) return true;
  return total !== undefined && collected >= total;
}

async function required<T>(operation: ApiOperation, call: Promise<CallResult<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw apiError('qTest', operation, response, error);
  if (data === undefined) {
    throw new ZtoqError(
      `qTest ${operation.method} ${operation.path} answered HTTP ${response.status} without the expected body`,
    );
  }
  return data;
}

async function orMissing<T>(operation: ApiOperation, call: Promise<CallResult<T>>): Promise<T | undefined> {
  const result = await call;
  // openapi-fetch has already read the refusal's body, so there is no connection to release.
  if (result.response.status === 404) return undefined;
  return required(operation, Promise.resolve(result));
}
