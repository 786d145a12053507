import type { SimulatorServer } from '../../server/simulator-server.js';
import {
  CYCLE_PARENT_TYPES,
  containerFrom,
  requireContainer,
  requireTargets,
  sameContainer,
} from '../execution-tree.js';
import { resolveProperties } from '../field-values.js';
import type { QTestStore } from '../qtest-store.js';
import { ProjectResources } from '../resources.js';
import { parseBody, testSuiteBody } from '../validation.js';
import { found, projectOf } from './route-support.js';

/** Test suites under root, a release or a test cycle (API-NOTES B.7). */
export function registerTestSuiteRoutes(server: SimulatorServer, store: QTestStore): void {
  const base = '/api/v3/projects/{projectId}/test-suites';

  server.route('POST', base, (request) => {
    const project = projectOf(store, request);
    const body = parseBody(request, testSuiteBody);
    const parent = containerFrom(request.query, CYCLE_PARENT_TYPES, body);
    requireContainer(project, parent);
    requireTargets(project, body);
    const suite = store.addTestSuite(project, {
      name: body.name,
      parent,
      properties: resolveProperties(project, 'test-suites', body.properties, store.users()),
      ...(body.target_release_id === undefined ? {} : { targetReleaseId: body.target_release_id }),
    });
    // Suites are created with 200, unlike cycles and runs (spec).
    return { status: 200, body: new ProjectResources(store, project, request.url.origin).testSuite(suite) };
  });

  server.route('GET', base, (request) => {
    const project = projectOf(store, request);
    const parent = containerFrom(request.query, CYCLE_PARENT_TYPES);
    requireContainer(project, parent);
    const resources = new ProjectResources(store, project, request.url.origin);
    const suites = [...project.testSuites.values()].filter((suite) => sameContainer(suite.parent, parent));
    return { status: 200, body: suites.map((suite) => resources.testSuite(suite)) };
  });

  server.route('GET', `${base}/{testSuiteId}`, (request) => {
    const project = projectOf(store, request);
    const suite = found(project.testSuites, request, 'testSuiteId', 'Test suite');
    return { status: 200, body: new ProjectResources(store, project, request.url.origin).testSuite(suite) };
  });
}
