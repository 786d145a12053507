export * from './api/index.js';
export * from './config/index.js';
export * from './errors.js';
export type * as qtestApi from './generated/qtest-paths.js';
export type * as zephyrApi from './generated/zephyr-paths.js';
export * from './http/index.js';
export * from './ports/logger.js';
export * from './secrets.js';
export * from './store/index.js';
