export * from './mapping/index.js';
export type * from './qtest-context.js';
export * from './qtest-entities.js';
export { QTEST_CAPABILITIES, type QTestTargetOptions, qtest } from './qtest-target.js';
