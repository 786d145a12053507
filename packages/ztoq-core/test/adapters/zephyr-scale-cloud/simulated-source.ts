import { setTimeout as delay } from 'node:timers/promises';
import {
  createZephyrSimulator,
  DEFAULT_ZEPHYR_TOKEN,
  type FaultSettings,
  generateDataset,
  type ZephyrDataset,
  type ZephyrSimulator,
} from '@ztoq/simulators';
import { onTestFinished } from 'vitest';
import { zephyrScaleCloud } from '../../../src/adapters/zephyr-scale-cloud/index.js';
import { HttpLayer } from '../../../src/http/http-layer.js';
import type { CanonicalEntityMap, CanonicalEntityType } from '../../../src/model/canonical.js';
import type { Source, SourcePage, StreamReadRequest } from '../../../src/ports/source.js';

export const TINY_SEED = 20250601;

export interface SimulatedSourceOptions {
  dataset?: ZephyrDataset;
  maxResultsCap?: number;
  faults?: FaultSettings;
  apiToken?: string;
}

export interface SimulatedSource {
  dataset: ZephyrDataset;
  simulator: ZephyrSimulator;
  http: HttpLayer;
  source: Source;
  projectKey: string;
  /** Every page of a stream, read from `request.checkpoint` (or the start) to the end. */
  pages<T extends CanonicalEntityType>(
    type: T,
    request?: Partial<StreamReadRequest>,
  ): Promise<SourcePage<CanonicalEntityMap[T]>[]>;
  /** Every entity of a stream, in order. */
  entities<T extends CanonicalEntityType>(
    type: T,
    request?: Partial<StreamReadRequest>,
  ): Promise<CanonicalEntityMap[T][]>;
}

/**
 * The waits the HTTP layer asks for, shortened: retries and rate-limit pauses still happen in
 * order, just without the production backoff (Retry-After is at least a second).
 */
function shortSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return delay(Math.min(ms, 20), undefined, { signal });
}

/** A Zephyr simulator serving the tiny data set (or the one given) and the source reading it; both closed when the test ends. */
export async function simulatedSource(options: SimulatedSourceOptions = {}): Promise<SimulatedSource> {
  const dataset = options.dataset ?? generateDataset({ seed: TINY_SEED, size: 'tiny' });
  const simulator = createZephyrSimulator({
    dataset,
    maxResultsCap: options.maxResultsCap,
    faults: options.faults,
  });
  await simulator.listen();
  onTestFinished(() => simulator.close());
  // 429s injected at random are no rate to learn: without a floor each one would cut the
  // budget (see the migration rig); these tests are about retries, not pacing.
  const http = new HttpLayer({ sleep: shortSleep, minRps: 500 });
  const source = zephyrScaleCloud({
    baseUrl: simulator.baseUrl,
    apiToken: options.apiToken ?? DEFAULT_ZEPHYR_TOKEN,
    http,
  });
  const projectKey = dataset.project.key;
  const pages = async <T extends CanonicalEntityType>(type: T, request: Partial<StreamReadRequest> = {}) => {
    const read: SourcePage<CanonicalEntityMap[T]>[] = [];
    for await (const page of source.readStream(type, { projectKey, maxWorkers: 4, ...request }))
      read.push(page);
    return read;
  };
  return {
    dataset,
    simulator,
    http,
    source,
    projectKey,
    pages,
    entities: async (type, request) => (await pages(type, request)).flatMap((page) => page.entities),
  };
}
