import { queryChoice } from '../../server/query-parameters.js';
import { SimHttpError, type SimulatorServer } from '../../server/simulator-server.js';
import {
  CYCLE_PARENT_TYPES,
  containerFrom,
  isWithin,
  requireContainer,
  requireTargets,
  sameContainer,
} from '../execution-tree.js';
import { pageOf, pageRequest } from '../paging.js';
import type { QTestStore } from '../qtest-store.js';
import { ProjectResources } from '../resources.js';
import { parseBody, testCycleBody } from '../validation.js';
import { found, projectOf, queryInteger } from './route-support.js';

/** The spec states no maximum page size for test cycles. */
const CYCLE_PAGING = { sizeParam: 'pageSize', defaultSize: 100 } as const;

/** Test cycles under root, a release or another cycle (API-NOTES B.7). Cycles have no fields. */
export function registerTestCycleRoutes(server: SimulatorServer, store: QTestStore): void {
  const base = '/api/v3/projects/{projectId}/test-cycles';

  server.route('POST', base, (request) => {
    const project = projectOf(store, request);
    const parent = containerFrom(request.query, CYCLE_PARENT_TYPES);
    requireContainer(project, parent);
    const body = parseBody(request, testCycleBody);
    requireTargets(project, body);
    const cycle = store.addTestCycle(project, {
      name: body.name,
      parent,
      ...(body.description === undefined ? {} : { description: body.description }),
      ...(body.target_release_id === undefined ? {} : { targetReleaseId: body.target_release_id }),
    });
    return {
      status: 201,
      body: new ProjectResources(store, project, request.url.origin).testCycle(cycle, { descendants: false }),
    };
  });

  server.route('GET', base, (request) => {
    const project = projectOf(store, request);
    const parent = containerFrom(request.query, CYCLE_PARENT_TYPES);
    requireContainer(project, parent);
    const descendants = queryChoice(request.query, 'expand', ['descendants']) !== undefined;
    const cycles = [...project.testCycles.values()].filter((cycle) => sameContainer(cycle.parent, parent));
    // "If a negative value is provided and no page number is specified, all Test Cycles will
    // be retrieved" (spec).
    const pageSize = queryInteger(request.query, 'pageSize');
    const all = pageSize !== undefined && pageSize < 0 && !request.query.has('page');
    const page = all ? cycles : pageOf(cycles, pageRequest(request.query, CYCLE_PAGING));
    const resources = new ProjectResources(store, project, request.url.origin);
    return { status: 200, body: page.map((cycle) => resources.testCycle(cycle, { descendants })) };
  });

  // updateCycle. With `parentId`/`parentType` the cycle moves; the spec does not say whether the
  // body then counts, and API-NOTES B.7 says suites and runs ignore it, so a move ignores it here too.
  server.route('PUT', `${base}/{testCycleId}`, (request) => {
    const project = projectOf(store, request);
    const cycle = found(project.testCycles, request, 'testCycleId', 'Test cycle');
    const resources = new ProjectResources(store, project, request.url.origin);
    if (request.query.has('parentId') || request.query.has('parentType')) {
      const parent = containerFrom(request.query, CYCLE_PARENT_TYPES);
      requireContainer(project, parent);
      // The spec is silent; a tree cannot hold a cycle below itself.
      if (isWithin(project, parent, { type: 'test-cycle', id: cycle.id })) {
        throw new SimHttpError(400, `parentId ${parent.id} is test cycle ${cycle.id} or lies below it`);
      }
      const moved = store.moveTestCycle(project, cycle, parent);
      return { status: 200, body: resources.testCycle(moved, { descendants: false }) };
    }
    const body = parseBody(request, testCycleBody);
    requireTargets(project, body);
    const updated = store.updateTestCycle(project, cycle, {
      name: body.name,
      ...(body.description === undefined ? {} : { description: body.description }),
      ...(body.target_release_id === undefined ? {} : { targetReleaseId: body.target_release_id }),
    });
    return { status: 200, body: resources.testCycle(updated, { descendants: false }) };
  });

  server.route('GET', `${base}/{testCycleId}`, (request) => {
    const project = projectOf(store, request);
    const cycle = found(project.testCycles, request, 'testCycleId', 'Test cycle');
    const descendants = queryChoice(request.query, 'expand', ['descendants']) !== undefined;
    return {
      status: 200,
      body: new ProjectResources(store, project, request.url.origin).testCycle(cycle, { descendants }),
    };
  });
}
