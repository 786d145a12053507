import { queryBoolean, queryChoice } from '../../server/query-parameters.js';
import { SimHttpError, type SimRequest, type SimulatorServer } from '../../server/simulator-server.js';
import { resolveProperties } from '../field-values.js';
import { pageOf, pageRequest, TEST_CASE_PAGING } from '../paging.js';
import type {
  ProjectState,
  QTestStore,
  StoredModule,
  StoredTestCase,
  StoredTestCaseVersion,
} from '../qtest-store.js';
import { ProjectResources } from '../resources.js';
import { parseBody, testCaseBody, testStepBody } from '../validation.js';
import { storeInlineAttachments } from './attachments.js';
import { requireModule } from './modules.js';
import { callerOf, found, projectOf, queryInteger } from './route-support.js';

/** Where qTest puts a test case created without `parent_id` (spec). */
const CREATED_VIA_API_MODULE = 'Created via API';

/** Test cases with their steps and versions (API-NOTES B.6). */
export function registerTestCaseRoutes(server: SimulatorServer, store: QTestStore): void {
  const base = '/api/v3/projects/{projectId}/test-cases';

  server.route('POST', base, (request) => {
    const project = projectOf(store, request);
    const caller = callerOf(store, request);
    const body = parseBody(request, testCaseBody);
    const properties = resolveProperties(project, 'test-cases', body.properties, store.users());
    const steps = inStepOrder(body.test_steps ?? []);
    // Checked in full before the default module may be created.
    const module =
      body.parent_id === undefined
        ? moduleNamed(store, project, CREATED_VIA_API_MODULE)
        : requireModule(project, body.parent_id, 'parent_id');
    const testCase = store.addTestCase(project, {
      name: body.name,
      moduleId: module.id,
      ...(body.description === undefined ? {} : { description: body.description }),
      ...(body.precondition === undefined ? {} : { precondition: body.precondition }),
      properties,
      steps,
      creatorId: caller.id,
    });
    storeInlineAttachments(store, project, caller, 'test-cases', testCase.id, body.attachments);
    project.latestVersion(testCase).steps.forEach((step, index) => {
      storeInlineAttachments(store, project, caller, 'test-steps', step.id, steps[index]?.attachments);
    });
    const resources = new ProjectResources(store, project, request.url.origin);
    return { status: 200, body: resources.testCase(testCase, { steps: true, properties: true }) };
  });

  server.route('GET', base, (request) => {
    const project = projectOf(store, request);
    const parentId = queryInteger(request.query, 'parentId');
    if (parentId !== undefined) requireModule(project, parentId, 'parentId');
    const paging = pageRequest(request.query, TEST_CASE_PAGING);
    const properties = queryBoolean(request.query, 'expandProps', true);
    const steps = queryBoolean(request.query, 'expandSteps', false);
    // Only the cases directly under the module (spec); without parentId, every case of the project.
    const testCases = [...project.testCases.values()].filter(
      (testCase) => parentId === undefined || testCase.moduleId === parentId,
    );
    const resources = new ProjectResources(store, project, request.url.origin);
    return {
      status: 200,
      body: pageOf(testCases, paging).map((testCase) => resources.testCase(testCase, { steps, properties })),
    };
  });

  server.route('GET', `${base}/{testCaseId}`, (request) => {
    const project = projectOf(store, request);
    const testCase = testCaseOf(project, request);
    const versionId = queryInteger(request.query, 'versionId');
    const version = versionId === undefined ? undefined : versionOf(testCase, versionId);
    const steps = queryChoice(request.query, 'expand', ['teststep']) !== undefined;
    const resources = new ProjectResources(store, project, request.url.origin);
    return {
      status: 200,
      body: resources.testCase(testCase, {
        ...(version === undefined ? {} : { version }),
        steps,
        properties: true,
      }),
    };
  });

  // updateTestCase: a full update saved as a new version (see QTestStore.updateTestCase).
  // Assumptions where the spec is silent: `test_steps` left out keeps the steps (copied into
  // the new version), `parent_id` moves the case to that module, and left out keeps its module.
  server.route('PUT', `${base}/{testCaseId}`, (request) => {
    const project = projectOf(store, request);
    const caller = callerOf(store, request);
    const testCase = testCaseOf(project, request);
    const body = parseBody(request, testCaseBody);
    const properties = resolveProperties(project, 'test-cases', body.properties, store.users());
    const module =
      body.parent_id === undefined ? undefined : requireModule(project, body.parent_id, 'parent_id');
    const steps = body.test_steps === undefined ? undefined : inStepOrder(body.test_steps);
    const updated = store.updateTestCase(project, testCase, {
      name: body.name,
      moduleId: module?.id ?? testCase.moduleId,
      ...(body.description === undefined ? {} : { description: body.description }),
      ...(body.precondition === undefined ? {} : { precondition: body.precondition }),
      properties,
      ...(steps === undefined ? {} : { steps }),
    });
    storeInlineAttachments(store, project, caller, 'test-cases', updated.id, body.attachments);
    project.latestVersion(updated).steps.forEach((step, index) => {
      storeInlineAttachments(store, project, caller, 'test-steps', step.id, steps?.[index]?.attachments);
    });
    const resources = new ProjectResources(store, project, request.url.origin);
    return { status: 200, body: resources.testCase(updated, { steps: true, properties: true }) };
  });

  server.route('PUT', `${base}/{testCaseId}/approve`, (request) => {
    const project = projectOf(store, request);
    const testCase = testCaseOf(project, request);
    store.approveLatest(project, testCase);
    const resources = new ProjectResources(store, project, request.url.origin);
    return { status: 200, body: resources.testCase(testCase, { steps: true, properties: true }) };
  });

  server.route('GET', `${base}/{testCaseId}/test-steps`, (request) => {
    const project = projectOf(store, request);
    const testCase = testCaseOf(project, request);
    const resources = new ProjectResources(store, project, request.url.origin);
    return {
      status: 200,
      body: project.latestVersion(testCase).steps.map((step) => resources.testStep(testCase, step)),
    };
  });

  server.route('POST', `${base}/{testCaseId}/test-steps`, (request) => {
    const project = projectOf(store, request);
    const caller = callerOf(store, request);
    const testCase = testCaseOf(project, request);
    const body = parseBody(request, testStepBody);
    const newStep = { description: body.description, expected: body.expected };
    const latest = project.latestVersion(testCase);
    if (body.order !== undefined && body.order !== latest.steps.length + 1) {
      // Inserting between steps would renumber them; the simulator only appends.
      throw new SimHttpError(
        400,
        `order ${body.order}: the simulator appends steps, so order must be ${latest.steps.length + 1}`,
      );
    }
    // "Adds a Test Step to a Test Case's latest version" (spec): in place while that version is
    // unapproved; an approved version is not changed, the step goes into a new minor version.
    const step = latest.approved
      ? store.addMinorVersion(project, testCase, [...latest.steps, newStep]).steps.at(-1)
      : store.addStep(testCase, latest, newStep);
    if (!step) throw new Error('the new step is missing');
    storeInlineAttachments(store, project, caller, 'test-steps', step.id, body.attachments);
    return {
      status: 200,
      body: new ProjectResources(store, project, request.url.origin).testStep(testCase, step),
    };
  });

  server.route('GET', `${base}/{testCaseId}/test-steps/{stepId}`, (request) => {
    const project = projectOf(store, request);
    const testCase = testCaseOf(project, request);
    const steps = new Map(project.latestVersion(testCase).steps.map((step) => [step.id, step]));
    const step = found(steps, request, 'stepId', 'Test step');
    return {
      status: 200,
      body: new ProjectResources(store, project, request.url.origin).testStep(testCase, step),
    };
  });
}

/** `{testCaseId}` is an id, or a PID such as `TC-12` where the spec allows it. */
function testCaseOf(project: ProjectState, request: SimRequest): StoredTestCase {
  const key = request.params.testCaseId ?? '';
  const testCase = /^[0-9]+$/.test(key)
    ? project.testCases.get(Number(key))
    : [...project.testCases.values()].find((candidate) => candidate.pid === key);
  if (!testCase) throw new SimHttpError(404, `Test case ${key} does not exist in this project`);
  return testCase;
}

function versionOf(testCase: StoredTestCase, versionId: number): StoredTestCaseVersion {
  const version = testCase.versions.find((candidate) => candidate.id === versionId);
  if (!version) throw new SimHttpError(404, `Test case ${testCase.id} has no version ${versionId}`);
  return version;
}

/** The root module of that name, created when it does not exist yet. */
export function moduleNamed(
  store: QTestStore,
  project: ProjectState,
  name: string,
  parentId?: number,
): StoredModule {
  const existing = [...project.modules.values()].find(
    (module) => module.parentId === parentId && module.name === name,
  );
  return existing ?? store.addModule(project, { name, ...(parentId === undefined ? {} : { parentId }) });
}

/**
 * Steps in the order they will have. Either every step gives `order` or none does (then the
 * array order counts); orders must differ. The spec only says `order` is at least 1; a client
 * that numbers every step 1, or some but not all, has a bug the simulator reports.
 */
function inStepOrder<T extends { order?: number | undefined }>(steps: readonly T[]): T[] {
  const ordered = steps.filter((step) => step.order !== undefined);
  if (ordered.length === 0) return [...steps];
  if (ordered.length !== steps.length) {
    throw new SimHttpError(400, 'test_steps: give order on every step or on none');
  }
  const orders = new Set(steps.map((step) => step.order));
  if (orders.size !== steps.length) throw new SimHttpError(400, 'test_steps: two steps have the same order');
  return [...steps].sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
}
