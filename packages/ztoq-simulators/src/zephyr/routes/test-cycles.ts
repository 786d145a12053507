import { pageOf } from '../paged-response.js';
import { integerParameter, stringParameter } from '../query-parameters.js';
import { parseBody, testCycleInput } from '../request-bodies.js';
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
}
