export {
  createZephyrSimulator,
  DEFAULT_MAX_RESULTS_CAP,
  DEFAULT_ZEPHYR_TOKEN,
  type ZephyrSimulator,
  type ZephyrSimulatorOptions,
} from './zephyr-simulator.js';
export type { EditableTestCaseFields, ZephyrStoreSummary } from './zephyr-store.js';
