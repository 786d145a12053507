import {
  type CanonicalEntityMap,
  type CanonicalEntityType,
  ExitCode,
  type JsonValue,
  type Source,
  type SourceCapabilities,
  type SourcePage,
  type SourceProject,
  type StreamReadRequest,
  ZtoqError,
} from '@ztoq/core';
import type { ShopExport } from './export-format.js';
import { readShopExport } from './read-export.js';
import { SHOP_STREAMS } from './shop-to-canonical.js';

export interface JsonExportSourceOptions {
  /** Path of the ShopQA export file. */
  file: string;
  /**
   * Entities per page. Each page is one store transaction with its checkpoint, so the size
   * bounds what a crash costs; the file is in memory anyway, so it costs nothing else.
   */
  pageSize?: number;
}

/**
 * Said honestly, so the engine can report what is lossy before anything is written: the export
 * holds no attachments, ShopQA keeps no case history, and its steps cannot call other cases.
 */
export const SHOP_EXPORT_CAPABILITIES: SourceCapabilities = {
  supportsAttachments: false,
  supportsVersions: false,
  supportsCallToTest: false,
};

const DEFAULT_PAGE_SIZE = 100;

/**
 * Where a stream's read stands: the position in the stream's list of the next entity to hand
 * out, and which export the list came from. Positions only mean something in the export they
 * were counted in, so a checkpoint of another export is refused rather than resumed at a
 * position that now points at different entities.
 */
type ExportCheckpoint = { exportedAt: string; next: number };

/** A ShopQA JSON export as a ztoq `Source`: the whole port, nothing more. */
export function jsonExportSource(options: JsonExportSourceOptions): Source {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    throw new RangeError(`pageSize must be a whole number of at least 1, got ${pageSize}`);
  }
  // describeProject and each of the eight streams need the file: read it once. A failed read
  // is not kept, so fixing the file and asking again works.
  let loading: Promise<ShopExport> | undefined;
  const load = (): Promise<ShopExport> => {
    loading ??= readShopExport(options.file).catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };

  return {
    name: 'ShopQA export',
    capabilities: SHOP_EXPORT_CAPABILITIES,
    describeProject: async (projectKey) => describeExport(await load(), projectKey, options.file),
    readStream: (type, request) => readExportStream(load, type, request, pageSize),
  };
}

function describeExport(shop: ShopExport, projectKey: string, file: string): SourceProject {
  if (shop.project.key !== projectKey) {
    throw new ZtoqError(
      `the ShopQA export ${file} holds project "${shop.project.key}", not "${projectKey}"; check the project key`,
      ExitCode.usage,
    );
  }
  // Counting is free here, so the engine gets exact numbers for its progress estimates.
  return {
    key: shop.project.key,
    id: String(shop.project.id),
    estimatedCounts: {
      'test-case': shop.cases.length,
      'test-plan': shop.campaigns.length,
      'test-cycle': shop.runs.length,
      'test-execution': shop.runs.reduce((sum, run) => sum + run.results.length, 0),
    },
  };
}

async function* readExportStream<T extends CanonicalEntityType>(
  load: () => Promise<ShopExport>,
  type: T,
  request: StreamReadRequest,
  pageSize: number,
): AsyncGenerator<SourcePage<CanonicalEntityMap[T]>, void, undefined> {
  const shop = await load();
  if (shop.project.key !== request.projectKey) {
    throw new ZtoqError(
      `the ShopQA export holds project "${shop.project.key}", not "${request.projectKey}"`,
      ExitCode.usage,
    );
  }
  const entities = inScope(shop, type, request);
  let next = startOf(request.checkpoint, shop.exportedAt, type, entities.length);
  // `maxWorkers` goes unused: everything is in the file, so there are no per-item requests to
  // run concurrently.
  while (next < entities.length) {
    request.signal?.throwIfAborted();
    const end = Math.min(next + pageSize, entities.length);
    const checkpoint: ExportCheckpoint = { exportedAt: shop.exportedAt, next: end };
    yield { entities: entities.slice(next, end), checkpoint };
    next = end;
  }
}

/**
 * The stream's list, cut to a rehearsal's scope: under `limit`, the first `limit` test cases
 * (the list is in key order) and only the executions of the cases the engine names, or of
 * those first cases when it names none. Lookups, folders, plans and cycles are read in full.
 */
function inScope<T extends CanonicalEntityType>(
  shop: ShopExport,
  type: T,
  request: StreamReadRequest,
): CanonicalEntityMap[T][] {
  const all = SHOP_STREAMS[type](shop);
  if (request.limit === undefined) return all;
  if (type === 'test-case') return all.slice(0, request.limit);
  if (type !== 'test-execution') return all;
  const keys = new Set(
    request.testCaseKeys ??
      SHOP_STREAMS['test-case'](shop)
        .slice(0, request.limit)
        .map((testCase) => testCase.key),
  );
  return (all as CanonicalEntityMap['test-execution'][]).filter((execution) =>
    keys.has(execution.testCaseKey),
  ) as CanonicalEntityMap[T][];
}

/** Where to start: 0 without a checkpoint, else where the last stored page ended. */
function startOf(
  checkpoint: JsonValue | undefined,
  exportedAt: string,
  type: string,
  length: number,
): number {
  if (checkpoint === undefined || checkpoint === null) return 0;
  const { exportedAt: from, next } = (
    typeof checkpoint === 'object' && !Array.isArray(checkpoint) ? checkpoint : {}
  ) as Partial<Record<keyof ExportCheckpoint, JsonValue>>;
  if (typeof next !== 'number' || !Number.isSafeInteger(next) || next < 0 || next > length) {
    throw new ZtoqError(
      `the stored checkpoint of the ${type} stream is not one this source wrote: ${JSON.stringify(checkpoint)}`,
    );
  }
  if (from !== exportedAt) {
    throw new ZtoqError(
      `the ${type} stream was being read from the export of ${String(from)}, but the file is now the export of ${exportedAt}; start a new migration (--migration-id) to read the new export`,
      ExitCode.usage,
    );
  }
  return next;
}
