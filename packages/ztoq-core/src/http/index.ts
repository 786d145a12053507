export type { AdaptiveRateSnapshot } from './adaptive-rate.js';
export {
  EndpointMatcher,
  type EndpointName,
  type ResolvedEndpoint,
  UNMATCHED_PATH,
} from './endpoint-matcher.js';
export { type HttpApiOptions, type HttpFetch, HttpLayer, type HttpLayerOptions } from './http-layer.js';
export type { ApiCounters, EndpointCounters, HttpStatsSnapshot } from './http-stats.js';
export { loggableUrl } from './loggable-url.js';
export { ATTEMPT_TIMEOUT_CODE, HttpNetworkError, type HttpNetworkFailure } from './network-failure.js';
export { isIdempotentMethod } from './retry-policy.js';
export type { Sleep } from './sleep.js';
