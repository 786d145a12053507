export * from './dataset/materialized-dataset.js';
export type * from './dataset/zephyr-dataset.js';
export * from './generator/index.js';
export * from './qtest/index.js';
export * from './server/faults.js';
export * from './server/simulator-server.js';
export * from './start-simulators.js';
export * from './zephyr/index.js';
export * from './zephyr/offset-page.js';
