import { pageOf } from '../paged-response.js';
import { notFound } from '../zephyr-errors.js';
import type { ZephyrRouteContext } from './route-context.js';

export function registerProjectRoutes({ server, store, represent, maxResultsCap }: ZephyrRouteContext): void {
  server.route('GET', '/projects', (request) => ({
    status: 200,
    body: pageOf([store.project], request, maxResultsCap, () => represent.project()),
  }));

  server.route('GET', '/projects/{projectIdOrKey}', ({ params }) => {
    const idOrKey = params.projectIdOrKey ?? '';
    const { project } = store;
    if (idOrKey !== project.key && idOrKey !== String(project.id)) throw notFound(`Project '${idOrKey}'`);
    return { status: 200, body: represent.project() };
  });

  // The spec puts /healthcheck under the same bearer authentication as every other operation.
  server.route('GET', '/healthcheck', () => ({ status: 200 }));
}
