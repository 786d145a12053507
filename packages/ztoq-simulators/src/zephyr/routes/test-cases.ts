import { pageOf } from '../paged-response.js';
import { integerParameter, parseInteger, stringParameter } from '../query-parameters.js';
import { parseBody, testCaseInput, testCaseUpdateInput } from '../request-bodies.js';
import { zephyrDateTime } from '../zephyr-date-time.js';
import { badRequest, notFound } from '../zephyr-errors.js';
import { existingTestCase } from './existing-entities.js';
import { checkProjectKey } from './project-access.js';
import type { ZephyrRouteContext } from './route-context.js';

export function registerTestCaseRoutes({
  server,
  store,
  represent,
  maxResultsCap,
}: ZephyrRouteContext): void {
  server.route('GET', '/testcases', (request) => {
    checkProjectKey(store, stringParameter(request.query, 'projectKey'));
    // The cases directly in the folder (sub-folders are folders of their own). A folderId that
    // names no test case folder matches no case: an empty page, as for any filter value nothing has.
    const folderId = integerParameter(request.query, 'folderId', 1);
    const positions =
      folderId === undefined ? store.allTestCasePositions() : store.testCasePositionsInFolder(folderId);
    return {
      status: 200,
      body: pageOf(positions, request, maxResultsCap, (position) =>
        represent.testCase(store.testCases.at(position)),
      ),
    };
  });

  server.route('GET', '/testcases/{testCaseKey}', ({ params }) => ({
    status: 200,
    body: represent.testCase(existingTestCase(store, params.testCaseKey)),
  }));

  server.route('GET', '/testcases/{testCaseKey}/links', ({ params }) => ({
    status: 200,
    body: represent.testCaseLinks(existingTestCase(store, params.testCaseKey)),
  }));

  server.route('GET', '/testcases/{testCaseKey}/versions', (request) => {
    const testCase = existingTestCase(store, request.params.testCaseKey);
    const newestFirst = Array.from({ length: testCase.version }, (_, index) => testCase.version - index);
    return {
      status: 200,
      body: pageOf(newestFirst, request, maxResultsCap, (version) =>
        represent.testCaseVersionLink(testCase.key, version),
      ),
    };
  });

  server.route('GET', '/testcases/{testCaseKey}/versions/{version}', ({ params }) => {
    const testCase = existingTestCase(store, params.testCaseKey);
    const version = parseInteger(params.version ?? '', 'version', 0);
    const snapshot = store.testCaseVersion(testCase.key, version);
    if (!snapshot) throw notFound(`Version ${version} of test case '${testCase.key}'`);
    return { status: 200, body: represent.testCase(snapshot) };
  });

  server.route('POST', '/testcases', (request) => {
    const input = parseBody(testCaseInput, request);
    checkProjectKey(store, input.projectKey);
    // "priorityName and statusName will be set to default values if not informed" (spec).
    const priority =
      input.priorityName === undefined ? store.defaultPriority() : store.priorityNamed(input.priorityName);
    if (!priority)
      throw badRequest(`priorityName: priority '${input.priorityName ?? '(default)'}' does not exist`);
    const status =
      input.statusName === undefined
        ? store.defaultStatus('TEST_CASE')
        : store.statusNamed(input.statusName, 'TEST_CASE');
    if (!status)
      throw badRequest(`statusName: test case status '${input.statusName ?? '(default)'}' does not exist`);
    if (input.folderId !== undefined && store.folder(input.folderId)?.folderType !== 'TEST_CASE') {
      throw badRequest(`folderId: test case folder '${input.folderId}' does not exist`);
    }
    const testCase = store.createTestCase({
      name: input.name,
      objective: input.objective,
      precondition: input.precondition,
      estimatedTime: input.estimatedTime,
      labels: input.labels ?? [],
      componentId: input.componentId,
      priorityId: priority.id,
      statusId: status.id,
      folderId: input.folderId,
      ownerAccountId: input.ownerId,
      createdOn: zephyrDateTime(new Date()),
      customFields: input.customFields ?? {},
      issueLinks: [],
      webLinks: [],
      // Assumption from users' reports of the service: a new case starts with one empty step,
      // so steps posted afterwards in APPEND mode follow it; OVERWRITE replaces it.
      content: { kind: 'steps', steps: [{ kind: 'inline' }] },
    });
    return {
      status: 201,
      body: { id: testCase.id, key: testCase.key, self: represent.url(`/testcases/${testCase.key}`) },
    };
  });

  // updateTestCase: answers 200 with no body (API-NOTES A.6). Assumptions where the spec is
  // silent: the body's id and key must be the case's, its project this project; an edit changes
  // the current version in place (Zephyr makes versions only on request, in its UI); links and
  // steps are left alone, as they have endpoints of their own.
  server.route('PUT', '/testcases/{testCaseKey}', (request) => {
    const testCase = existingTestCase(store, request.params.testCaseKey);
    const input = parseBody(testCaseUpdateInput, request);
    if (input.key !== testCase.key)
      throw badRequest(`key: '${input.key}' is not the key of test case '${testCase.key}'`);
    if (input.id !== testCase.id)
      throw badRequest(`id: ${input.id} is not the id of test case '${testCase.key}'`);
    if (input.project.id !== store.project.id)
      throw badRequest(`project.id: project '${input.project.id}' does not exist`);
    const priority = store.priority(input.priority.id);
    if (!priority) throw badRequest(`priority.id: priority '${input.priority.id}' does not exist`);
    const status = store.status(input.status.id);
    if (status?.statusType !== 'TEST_CASE')
      throw badRequest(`status.id: test case status '${input.status.id}' does not exist`);
    if (input.folder !== undefined && store.folder(input.folder.id)?.folderType !== 'TEST_CASE') {
      throw badRequest(`folder.id: test case folder '${input.folder.id}' does not exist`);
    }
    store.updateTestCase(testCase.key, {
      name: input.name,
      objective: input.objective,
      precondition: input.precondition,
      estimatedTime: input.estimatedTime,
      labels: input.labels ?? [],
      componentId: input.component?.id,
      priorityId: priority.id,
      statusId: status.id,
      folderId: input.folder?.id,
      ownerAccountId: input.owner?.accountId,
      customFields: input.customFields ?? {},
    });
    return { status: 200 };
  });
}
