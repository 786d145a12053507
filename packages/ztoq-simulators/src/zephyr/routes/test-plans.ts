import { pageOf } from '../paged-response.js';
import { stringParameter } from '../query-parameters.js';
import { notFound } from '../zephyr-errors.js';
import { checkProjectKey } from './project-access.js';
import type { ZephyrRouteContext } from './route-context.js';

/** Plans carry their cycle links inside (`links.testCycles`); the spec has no GET for plan links. */
export function registerTestPlanRoutes({
  server,
  store,
  represent,
  maxResultsCap,
}: ZephyrRouteContext): void {
  server.route('GET', '/testplans', (request) => {
    checkProjectKey(store, stringParameter(request.query, 'projectKey'));
    return {
      status: 200,
      body: pageOf(store.testPlans, request, maxResultsCap, (plan) => represent.testPlan(plan)),
    };
  });

  server.route('GET', '/testplans/{testPlanIdOrKey}', ({ params }) => {
    const plan = store.testPlan(params.testPlanIdOrKey ?? '');
    if (!plan) throw notFound(`Test plan '${params.testPlanIdOrKey}'`);
    return { status: 200, body: represent.testPlan(plan) };
  });
}
