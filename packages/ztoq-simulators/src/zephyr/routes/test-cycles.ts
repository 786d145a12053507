import { pageOf } from '../paged-response.js';
import { integerParameter, stringParameter } from '../query-parameters.js';
import { parseBody, testCycleInput, testCycleUpdateInput } from '../request-bodies.js';
import { badRequest } from '../zephyr-errors.js';
import { existingTestCycle } from './existing-entities.js';
import { checkProjectKey } from './project-access.js';
import type { ZephyrRouteContext } from './route-context.js';

/** Cycles do not list their test cases: their content is seen through `GET /testexecutions?testCycle=`. */
export function registerTestCycleRoutes({
  server,
  store,
  represent,
  maxResultsCap,
}: ZephyrRouteContext): void {
  server.route('GET', '/testcycles', (request) => {
    checkProjectKey(store, stringParameter(request.query, 'projectKey'));
    const folderId = integerParameter(request.query, 'folderId', 1);
    const jiraProjectVersionId = integerParameter(request.query, 'jiraProjectVersionId', 1);
    const cycles = store.testCycles.filter(
      (cycle) =>
        (folderId === undefined || cycle.folderId === folderId) &&
        (jiraProjectVersionId === undefined || cycle.jiraProjectVersionId === jiraProjectVersionId),
    );
    return {
      status: 200,
      body: pageOf(cycles, request, maxResultsCap, (cycle) => represent.testCycle(cycle)),
    };
  });

  server.route('GET', '/testcycles/{testCycleIdOrKey}', ({ params }) => ({
    status: 200,
    body: represent.testCycle(existingTestCycle(store, params.testCycleIdOrKey)),
  }));

  server.route('GET', '/testcycles/{testCycleIdOrKey}/links', ({ params }) => ({
    status: 200,
    body: represent.testCycleLinks(existingTestCycle(store, params.testCycleIdOrKey)),
  }));

  server.route('POST', '/testcycles', (request) => {
    const input = parseBody(testCycleInput, request);
    checkProjectKey(store, input.projectKey);
    const status =
      input.statusName === undefined
        ? store.defaultStatus('TEST_CYCLE')
        : store.statusNamed(input.statusName, 'TEST_CYCLE');
    if (!status)
      throw badRequest(`statusName: test cycle status '${input.statusName ?? '(default)'}' does not exist`);
    if (input.folderId !== undefined && store.folder(input.folderId)?.folderType !== 'TEST_CYCLE') {
      throw badRequest(`folderId: test cycle folder '${input.folderId}' does not exist`);
    }
    const cycle = store.createTestCycle({
      name: input.name,
      description: input.description,
      statusId: status.id,
      folderId: input.folderId,
      jiraProjectVersionId: input.jiraProjectVersion,
      plannedStartDate: input.plannedStartDate,
      plannedEndDate: input.plannedEndDate,
      ownerAccountId: input.ownerId,
      customFields: input.customFields ?? {},
      issueLinks: [],
      webLinks: [],
      testPlanIds: [],
    });
    return {
      status: 201,
      body: { id: cycle.id, key: cycle.key, self: represent.url(`/testcycles/${cycle.id}`) },
    };
  });

  // updateTestCycle: answers 200 with no body (API-NOTES A.6); the body's id and key must be the
  // cycle's (assumption: the spec is silent). Links and plan links are left alone.
  server.route('PUT', '/testcycles/{testCycleIdOrKey}', (request) => {
    const cycle = existingTestCycle(store, request.params.testCycleIdOrKey);
    const input = parseBody(testCycleUpdateInput, request);
    if (input.key !== cycle.key)
      throw badRequest(`key: '${input.key}' is not the key of test cycle '${cycle.key}'`);
    if (input.id !== cycle.id) throw badRequest(`id: ${input.id} is not the id of test cycle '${cycle.key}'`);
    if (input.project.id !== store.project.id)
      throw badRequest(`project.id: project '${input.project.id}' does not exist`);
    const status = store.status(input.status.id);
    if (status?.statusType !== 'TEST_CYCLE')
      throw badRequest(`status.id: test cycle status '${input.status.id}' does not exist`);
    if (input.folder !== undefined && store.folder(input.folder.id)?.folderType !== 'TEST_CYCLE') {
      throw badRequest(`folder.id: test cycle folder '${input.folder.id}' does not exist`);
    }
    store.updateTestCycle(cycle.key, {
      name: input.name,
      description: input.description,
      statusId: status.id,
      folderId: input.folder?.id,
      jiraProjectVersionId: input.jiraProjectVersion?.id,
      plannedStartDate: input.plannedStartDate,
      plannedEndDate: input.plannedEndDate,
      ownerAccountId: input.owner?.accountId,
      customFields: input.customFields ?? {},
    });
    // The spec's 200 carries a `location` header naming the updated cycle.
    return { status: 200, headers: { location: represent.url(`/testcycles/${cycle.id}`) } };
  });
}
