import type { SimulatorServer } from '../../server/simulator-server.js';
import { PAGE_SIZE_PAGING, pageOf, pageRequest } from '../paging.js';
import type { QTestStore } from '../qtest-store.js';
import { ProjectResources, userResource } from '../resources.js';
import { projectOf } from './route-support.js';

/** Projects and their members. Every user of the simulated site is a member of every project. */
export function registerProjectRoutes(server: SimulatorServer, store: QTestStore): void {
  server.route('GET', '/api/v3/projects', (request) => {
    const projects = store
      .projects()
      .map((project) => new ProjectResources(store, project, request.url.origin).project());
    // "By default, all projects are returned"; a page number asks for one page.
    const paged = request.query.has('page')
      ? pageOf(projects, pageRequest(request.query, PAGE_SIZE_PAGING))
      : projects;
    return { status: 200, body: paged };
  });

  server.route('GET', '/api/v3/projects/{projectId}', (request) => {
    const project = projectOf(store, request);
    return { status: 200, body: new ProjectResources(store, project, request.url.origin).project() };
  });

  server.route('GET', '/api/v3/projects/{projectId}/users', (request) => {
    projectOf(store, request);
    return { status: 200, body: store.users().map(userResource) };
  });
}
