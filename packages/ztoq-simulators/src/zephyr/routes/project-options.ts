import { queryChoice } from '../../server/query-parameters.js';
import { pageOf } from '../paged-response.js';
import { parseInteger, stringParameter } from '../query-parameters.js';
import { notFound } from '../zephyr-errors.js';
import { checkProjectKey } from './project-access.js';
import type { ZephyrRouteContext } from './route-context.js';

const STATUS_TYPES = ['TEST_CASE', 'TEST_PLAN', 'TEST_CYCLE', 'TEST_EXECUTION'] as const;

/** The values entities refer to by id: statuses (one list per `statusType`), priorities, environments. */
export function registerProjectOptionRoutes({
  server,
  store,
  represent,
  maxResultsCap,
}: ZephyrRouteContext): void {
  server.route('GET', '/statuses', (request) => {
    checkProjectKey(store, stringParameter(request.query, 'projectKey'));
    const statusType = queryChoice(request.query, 'statusType', STATUS_TYPES);
    const statuses = statusType
      ? store.statuses.filter((status) => status.statusType === statusType)
      : store.statuses;
    return {
      status: 200,
      body: pageOf(statuses, request, maxResultsCap, (status) => represent.status(status)),
    };
  });

  server.route('GET', '/statuses/{statusId}', ({ params }) => {
    const id = parseInteger(params.statusId ?? '', 'statusId', 1);
    const status = store.status(id);
    if (!status) throw notFound(`Status '${id}'`);
    return { status: 200, body: represent.status(status) };
  });

  server.route('GET', '/priorities', (request) => {
    checkProjectKey(store, stringParameter(request.query, 'projectKey'));
    return {
      status: 200,
      body: pageOf(store.priorities, request, maxResultsCap, (priority) => represent.priority(priority)),
    };
  });

  server.route('GET', '/priorities/{priorityId}', ({ params }) => {
    const id = parseInteger(params.priorityId ?? '', 'priorityId', 1);
    const priority = store.priority(id);
    if (!priority) throw notFound(`Priority '${id}'`);
    return { status: 200, body: represent.priority(priority) };
  });

  server.route('GET', '/environments', (request) => {
    checkProjectKey(store, stringParameter(request.query, 'projectKey'));
    return {
      status: 200,
      body: pageOf(store.environments, request, maxResultsCap, (environment) =>
        represent.environment(environment),
      ),
    };
  });

  server.route('GET', '/environments/{environmentId}', ({ params }) => {
    const id = parseInteger(params.environmentId ?? '', 'environmentId', 1);
    const environment = store.environment(id);
    if (!environment) throw notFound(`Environment '${id}'`);
    return { status: 200, body: represent.environment(environment) };
  });
}
