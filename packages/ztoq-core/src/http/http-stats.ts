import type { AdaptiveRateSnapshot } from './adaptive-rate.js';

/** Counters for one endpoint (or an api's totals). Plain data, so a snapshot serialises as is. */
export interface EndpointCounters {
  /** Attempts sent, retries included. */
  requests: number;
  /** Responses received, by status code. */
  responses: Record<string, number>;
  /** Attempts that were followed by another attempt. */
  retries: number;
  /** Attempts that got no HTTP response, by cause code. */
  networkErrors: Record<string, number>;
  /** Attempts cut short because the caller aborted. */
  aborted: number;
  /** Time from sending an attempt to its response headers or failure, summed and worst case. */
  totalLatencyMs: number;
  maxLatencyMs: number;
}

export interface ApiCounters {
  totals: EndpointCounters;
  /** The requests-per-second budget the layer learned for this api (absent in counters kept by hand). */
  rate?: AdaptiveRateSnapshot;
  /** Keyed by endpoint label, e.g. `GET /testcases/{testCaseKey}`. */
  endpoints: Record<string, EndpointCounters>;
}

export interface HttpStatsSnapshot {
  apis: Record<string, ApiCounters>;
}

/** Per-api, per-endpoint counters for run reports and benchmarks. Every attempt counts. */
export class HttpStats {
  readonly #apis = new Map<string, Map<string, EndpointCounters>>();

  /** Makes an api appear in snapshots before its first request, so reports show it with zeros. */
  registerApi(api: string): void {
    if (!this.#apis.has(api)) this.#apis.set(api, new Map());
  }

  recordAttempt(api: string, endpoint: string): void {
    this.#counters(api, endpoint).requests++;
  }

  recordResponse(api: string, endpoint: string, status: number, latencyMs: number): void {
    const counters = this.#counters(api, endpoint);
    increment(counters.responses, String(status));
    addLatency(counters, latencyMs);
  }

  recordNetworkError(api: string, endpoint: string, code: string, latencyMs: number): void {
    const counters = this.#counters(api, endpoint);
    increment(counters.networkErrors, code);
    addLatency(counters, latencyMs);
  }

  recordAborted(api: string, endpoint: string, latencyMs: number): void {
    const counters = this.#counters(api, endpoint);
    counters.aborted++;
    addLatency(counters, latencyMs);
  }

  recordRetry(api: string, endpoint: string): void {
    this.#counters(api, endpoint).retries++;
  }

  /** A deep copy: later requests do not change a snapshot already handed out. */
  snapshot(): HttpStatsSnapshot {
    const apis: Record<string, ApiCounters> = {};
    for (const [api, endpoints] of this.#apis) {
      const totals = emptyCounters();
      const perEndpoint: Record<string, EndpointCounters> = {};
      for (const [endpoint, counters] of endpoints) {
        perEndpoint[endpoint] = copyCounters(counters);
        mergeInto(totals, counters);
      }
      apis[api] = { totals, endpoints: perEndpoint };
    }
    return { apis };
  }

  #counters(api: string, endpoint: string): EndpointCounters {
    this.registerApi(api);
    const endpoints = this.#apis.get(api)!;
    let counters = endpoints.get(endpoint);
    if (!counters) {
      counters = emptyCounters();
      endpoints.set(endpoint, counters);
    }
    return counters;
  }
}

function emptyCounters(): EndpointCounters {
  return {
    requests: 0,
    responses: {},
    retries: 0,
    networkErrors: {},
    aborted: 0,
    totalLatencyMs: 0,
    maxLatencyMs: 0,
  };
}

function copyCounters(counters: EndpointCounters): EndpointCounters {
  return { ...counters, responses: { ...counters.responses }, networkErrors: { ...counters.networkErrors } };
}

function mergeInto(target: EndpointCounters, source: EndpointCounters): void {
  target.requests += source.requests;
  target.retries += source.retries;
  target.aborted += source.aborted;
  target.totalLatencyMs += source.totalLatencyMs;
  target.maxLatencyMs = Math.max(target.maxLatencyMs, source.maxLatencyMs);
  for (const [status, count] of Object.entries(source.responses)) increment(target.responses, status, count);
  for (const [code, count] of Object.entries(source.networkErrors))
    increment(target.networkErrors, code, count);
}

function increment(tally: Record<string, number>, key: string, by = 1): void {
  tally[key] = (tally[key] ?? 0) + by;
}

function addLatency(counters: EndpointCounters, latencyMs: number): void {
  counters.totalLatencyMs += latencyMs;
  counters.maxLatencyMs = Math.max(counters.maxLatencyMs, latencyMs);
}
