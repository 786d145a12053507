import { zephyrOperations } from '@ztoq/core';
import type { ZephyrDataset } from '../dataset/zephyr-dataset.js';
import type { FaultSettings } from '../server/faults.js';
import { SimulatorServer } from '../server/simulator-server.js';
import { bearerAuthentication } from './bearer-authentication.js';
import { ZephyrRepresentations } from './representations.js';
import { registerFolderRoutes } from './routes/folders.js';
import { registerProjectOptionRoutes } from './routes/project-options.js';
import { registerProjectRoutes } from './routes/projects.js';
import type { ZephyrRouteContext } from './routes/route-context.js';
import { registerTestCaseContentRoutes } from './routes/test-case-content.js';
import { registerTestCaseRoutes } from './routes/test-cases.js';
import { registerTestCycleRoutes } from './routes/test-cycles.js';
import { registerTestExecutionRoutes } from './routes/test-executions.js';
import { registerTestPlanRoutes } from './routes/test-plans.js';
import { zephyrErrorBody } from './zephyr-errors.js';
import { ZephyrStore, type ZephyrStoreSummary } from './zephyr-store.js';

export const DEFAULT_ZEPHYR_TOKEN = 'zephyr-simulator-token';

/**
 * The default server-side limit on `maxResults`. The spec states no maximum but lets the server
 * impose one; 1000 matches the page size the migration engine asks for, so a default simulator
 * serves it whole, and a lower cap shows whether a client reads back the `maxResults` it got.
 */
export const DEFAULT_MAX_RESULTS_CAP = 1000;

/**
 * The spec declares Access-Control-Allow-Headers, -Methods and -Origin on every response but
 * gives no values; these are the values an API Gateway CORS setup typically sends.
 */
const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET,POST,PUT,DELETE,OPTIONS',
  'access-control-allow-headers': 'Content-Type,Authorization',
};

export interface ZephyrSimulatorOptions {
  /** The project the simulator serves. */
  readonly dataset: ZephyrDataset;
  /** Bearer tokens it accepts; default `['zephyr-simulator-token']`. */
  readonly tokens?: readonly string[];
  /** The most items a list returns per page whatever `maxResults` asks; default 1000 (`DEFAULT_MAX_RESULTS_CAP`). */
  readonly maxResultsCap?: number;
  readonly faults?: FaultSettings;
}

export interface ZephyrSimulator {
  readonly server: SimulatorServer;
  /** `http://127.0.0.1:<port>/v2` once listening. */
  readonly baseUrl: string;
  /** Starts listening on 127.0.0.1 (port 0 picks a free one); resolves to the base URL. */
  listen(port?: number): Promise<string>;
  close(): Promise<void>;
  /** Requests received per operation (`METHOD /template`), faulted ones included. */
  requestCounts(): Record<string, number>;
  /** The project, counts per entity type and everything the write endpoints created or changed. */
  state(): ZephyrStoreSummary;
  /** What the simulator serves, for tests that add or change entities without going through HTTP. */
  readonly store: ZephyrStore;
}

/** A Zephyr Scale Cloud v2 API over HTTP, serving a data set as the spec describes. */
export function createZephyrSimulator(options: ZephyrSimulatorOptions): ZephyrSimulator {
  const maxResultsCap = options.maxResultsCap ?? DEFAULT_MAX_RESULTS_CAP;
  if (!Number.isInteger(maxResultsCap) || maxResultsCap < 1) {
    throw new RangeError(`maxResultsCap must be a positive integer, not ${maxResultsCap}`);
  }
  const store = new ZephyrStore(options.dataset);
  const server = new SimulatorServer({
    name: 'zephyr',
    basePath: '/v2',
    operations: zephyrOperations,
    authenticate: bearerAuthentication(options.tokens ?? [DEFAULT_ZEPHYR_TOKEN]),
    errorBody: zephyrErrorBody,
    defaultHeaders: CORS_HEADERS,
    faults: options.faults,
    state: () => store.summary(),
  });
  const context: ZephyrRouteContext = {
    server,
    store,
    represent: new ZephyrRepresentations(() => server.baseUrl, store),
    maxResultsCap,
  };
  registerProjectRoutes(context);
  registerFolderRoutes(context);
  registerProjectOptionRoutes(context);
  registerTestCaseRoutes(context);
  registerTestCaseContentRoutes(context);
  registerTestCycleRoutes(context);
  registerTestPlanRoutes(context);
  registerTestExecutionRoutes(context);

  return {
    server,
    get baseUrl() {
      return server.baseUrl;
    },
    listen: (port) => server.listen(port),
    close: () => server.close(),
    requestCounts: () => server.requestCounts(),
    state: () => store.summary(),
    store,
  };
}
