import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { HttpStatsSnapshot, MigrationPhase } from '@ztoq/core';
import { type BenchResult, demoMigration, startSimulatorProcess } from './support.js';

/**
 * The demo project migrated against vendors that throttle: both simulators (in their own
 * process) answer 429 with `Retry-After: 1` beyond a token bucket of 40 requests a second with
 * a burst of 20, per credential. The HTTP layer has to learn that rate per API. Targets: each
 * API's accepted requests per second, over the phases that talk to it, reach 90% of the
 * bucket's rate, and fewer than 2% of all requests are answered 429.
 */
const BUCKET_RATE = 40;
const BUCKET_BURST = 20;
const TARGET_SHARE_OF_RATE = 0.9;
const TARGET_429_SHARE = 0.02;
/**
 * A phase counts towards an API's rate when it sent the API at least this many requests:
 * transform's few preflight reads are no test of a rate, and its time is the engine's.
 */
const PHASE_MIN_REQUESTS = 100;

interface PhaseTally {
  phase: MigrationPhase;
  seconds: number;
  /** Requests per API in this phase, 429s included. */
  requests: Record<string, number>;
  rateLimited: Record<string, number>;
}

export async function rateLimited(): Promise<BenchResult> {
  const simulators = await startSimulatorProcess('demo', ['--rate-limit', `${BUCKET_RATE}:${BUCKET_BURST}`]);
  const directory = await mkdtemp(path.join(tmpdir(), 'ztoq-bench-'));
  try {
    const startedAt = performance.now();
    const configured = await demoMigration(simulators, directory);
    // Per phase: the counters are read when it starts and when it finishes.
    const phases: PhaseTally[] = [];
    let opened: { at: number; stats: HttpStatsSnapshot } | undefined;
    configured.migration.on('phase', ({ phase, state }) => {
      const now = { at: performance.now(), stats: configured.http.stats() };
      if (state === 'started') opened = now;
      else if (opened) phases.push(tally(phase, opened, now));
    });
    const result = await configured.migration.run({ phase: 'all' }).finally(() => configured.close());
    const wallSeconds = round((performance.now() - startedAt) / 1000);
    const final = configured.http.stats();

    const apis = Object.keys(final.apis);
    const perApi = Object.fromEntries(
      apis.map((api) => {
        const totals = final.apis[api]!.totals;
        const limited = totals.responses['429'] ?? 0;
        const own = phases.filter((phase) => (phase.requests[api] ?? 0) >= PHASE_MIN_REQUESTS);
        const ownSeconds = own.reduce((sum, phase) => sum + phase.seconds, 0);
        const ownAccepted = own.reduce(
          (sum, phase) => sum + (phase.requests[api] ?? 0) - (phase.rateLimited[api] ?? 0),
          0,
        );
        const acceptedPerSecond = ownSeconds > 0 ? ownAccepted / ownSeconds : 0;
        return [
          api,
          {
            requests: totals.requests,
            answered429: limited,
            share429: ratio(limited, totals.requests),
            retries: totals.retries,
            phases: own.map((phase) => phase.phase),
            acceptedPerSecond: round(acceptedPerSecond),
            shareOfBucketRate: ratio(acceptedPerSecond, BUCKET_RATE),
            // What the bucket allows for those requests, against what they took.
            idealSeconds: round(ownAccepted / BUCKET_RATE),
            seconds: round(ownSeconds),
            learnedRate: final.apis[api]!.rate ?? null,
          },
        ];
      }),
    );
    const requests = apis.reduce((sum, api) => sum + final.apis[api]!.totals.requests, 0);
    const answered429 = apis.reduce((sum, api) => sum + (final.apis[api]!.totals.responses['429'] ?? 0), 0);
    const share429 = ratio(answered429, requests);
    const failed = Object.values(result.load).reduce(
      (sum, counts) => sum + counts.failed + counts.skipped,
      0,
    );
    const unvalidated = Object.values(result.validation).reduce(
      (sum, counts) => sum + counts.missing + counts.mismatched + counts.notLoaded,
      0,
    );
    const extractOrTransformFailures = (result.failures.extract ?? 0) + (result.failures.transform ?? 0);
    const fastEnough = Object.values(perApi).every(
      (api) => api.phases.length === 0 || api.shareOfBucketRate >= TARGET_SHARE_OF_RATE,
    );
    return {
      name: 'rate-limited',
      target: `demo project against a token bucket of ${BUCKET_RATE} req/s, burst ${BUCKET_BURST}, on both APIs: each API ≥ ${TARGET_SHARE_OF_RATE * 100}% of the bucket's rate over its phases, < ${TARGET_429_SHARE * 100}% of requests answered 429, nothing failed`,
      passed:
        result.error === undefined &&
        failed === 0 &&
        unvalidated === 0 &&
        extractOrTransformFailures === 0 &&
        fastEnough &&
        share429 < TARGET_429_SHARE,
      measurements: {
        status: result.status,
        bucket: { ratePerSecond: BUCKET_RATE, burst: BUCKET_BURST, retryAfterSeconds: 1 },
        wallSeconds,
        requests,
        answered429,
        share429,
        failed,
        unvalidated,
        failures: result.failures,
        // Fields the target cannot hold make a run partial without anything having failed.
        lossy: Object.keys(result.lossy),
        apis: perApi,
        phases: phases.map((phase) => ({ ...phase, seconds: round(phase.seconds) })),
      },
    };
  } finally {
    await simulators.stop();
    await rm(directory, { recursive: true, force: true });
  }
}

function tally(
  phase: MigrationPhase,
  opened: { at: number; stats: HttpStatsSnapshot },
  closed: { at: number; stats: HttpStatsSnapshot },
): PhaseTally {
  const requests: Record<string, number> = {};
  const rateLimited: Record<string, number> = {};
  for (const [api, counters] of Object.entries(closed.stats.apis)) {
    const before = opened.stats.apis[api]?.totals;
    requests[api] = counters.totals.requests - (before?.requests ?? 0);
    rateLimited[api] = (counters.totals.responses['429'] ?? 0) - (before?.responses['429'] ?? 0);
  }
  return { phase, seconds: (closed.at - opened.at) / 1000, requests, rateLimited };
}

function ratio(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 1000) / 1000 : 0;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
