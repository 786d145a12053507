export type { QTestCredentials } from './auth.js';
export { DATA_TYPE } from './field-values.js';
export {
  createQTestSimulator,
  DEFAULT_PASSWORD,
  DEFAULT_SITE_NAME,
  type QTestSimulator,
  type QTestSimulatorOptions,
} from './qtest-simulator.js';
export type * from './qtest-store.js';
export { type ProjectState, QTestStore } from './qtest-store.js';
export {
  type CustomFieldSeed,
  DEFAULT_PROJECT_ID,
  DEFAULT_USERS,
  EXECUTION_STATUSES,
  type ModuleSeed,
  type ProjectSeed,
  type TestCaseSeed,
  type UserSeed,
} from './seed.js';
