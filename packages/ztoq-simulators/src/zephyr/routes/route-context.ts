import type { SimulatorServer } from '../../server/simulator-server.js';
import type { ZephyrRepresentations } from '../representations.js';
import type { ZephyrStore } from '../zephyr-store.js';

/** What every group of Zephyr routes is registered with. */
export interface ZephyrRouteContext {
  readonly server: SimulatorServer;
  readonly store: ZephyrStore;
  readonly represent: ZephyrRepresentations;
  /** The most items any list answers per page, whatever `maxResults` asks. */
  readonly maxResultsCap: number;
}
