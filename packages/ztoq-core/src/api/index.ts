export { qtestOperations } from '../generated/qtest-operations.js';
export { zephyrOperations } from '../generated/zephyr-operations.js';
export { ApiError, apiError, type VendorApi } from './api-error.js';
export type { RequestFetch } from './client-options.js';
export type { ApiOperation } from './operation.js';
export {
  createQTestTokenProvider,
  type QTestAuth,
  type QTestTokenProvider,
  type QTestTokenProviderOptions,
} from './qtest-auth.js';
export {
  createQTestClient,
  type QTestClient,
  type QTestClientOptions,
  type QTestPaths,
} from './qtest-client.js';
export {
  createZephyrClient,
  type ZephyrClient,
  type ZephyrClientOptions,
  type ZephyrPaths,
} from './zephyr-client.js';
export {
  ZEPHYR_PAGE_SIZE,
  type ZephyrListRequest,
  type ZephyrPage,
  type ZephyrPagedPath,
  type ZephyrPageItem,
  zephyrItems,
  zephyrPages,
} from './zephyr-paging.js';
