import type { JsonValue } from '../../ports/state-store.js';
import type { TargetCensus } from '../../ports/target.js';
import type { QTestEntityType } from './qtest-entities.js';
import type { QTestModuleResource, QTestSearchObjectType, QTestTransport } from './qtest-transport.js';

type Facts = Record<string, JsonValue>;

/**
 * Data Queries that list every object of a type in the project, in pages of 999 (API-NOTES B.2).
 * qTest names are required, so `Name is 'not empty'` matches all of them (the spec documents the
 * operator as `is 'not empty'`); test logs have no name, and the spec's extra criterion for them
 * is the execution date, which every log ztoq writes carries (`exe_start_date` is required).
 */
const QUERIES: Record<
  Exclude<QTestEntityType, 'module'>,
  { objectType: QTestSearchObjectType; query: string }
> = {
  'test-case': { objectType: 'test-cases', query: "Name is 'not empty'" },
  release: { objectType: 'releases', query: "Name is 'not empty'" },
  'test-cycle': { objectType: 'test-cycles', query: "Name is 'not empty'" },
  'test-run': { objectType: 'test-runs', query: "Name is 'not empty'" },
  'test-log': { objectType: 'test-logs', query: "'Execution Start Date' > '1970-01-01T00:00:00.000Z'" },
};

/**
 * Every entity of a type the qTest project holds, by list reads: the module tree in one read,
 * the other types by search with only the fields the census needs. A test log brings its status,
 * the fact its verifier reports, so a report's status tally covers logs that were not read back.
 */
export async function qtestCensus(
  transport: QTestTransport,
  type: string,
  signal?: AbortSignal,
): Promise<TargetCensus | undefined> {
  if (type === 'module') {
    const entities = new Map<string, Facts>();
    const walk = (modules: readonly QTestModuleResource[]) => {
      for (const module of modules) {
        if (module.id !== undefined) entities.set(String(module.id), {});
        walk(module.children ?? []);
      }
    };
    walk(await transport.listModuleTree(signal));
    return { entities };
  }
  const listing = QUERIES[type as keyof typeof QUERIES];
  if (listing === undefined) return undefined;
  const isLog = type === 'test-log';
  const hits = await transport.search(listing.objectType, listing.query, {
    fields: isLog ? ['id', 'status'] : ['id'],
    signal,
  });
  const entities = new Map<string, Facts>();
  for (const hit of hits) {
    if (typeof hit.id !== 'number') continue;
    entities.set(String(hit.id), isLog ? logFacts(hit.status) : {});
  }
  return { entities };
}

/** The same fact the log verifier reports: the status name, else its id. */
function logFacts(status: unknown): Facts {
  if (typeof status !== 'object' || status === null) return {};
  const { name, id } = status as { name?: unknown; id?: unknown };
  if (typeof name === 'string') return { status: name };
  return typeof id === 'number' ? { status: String(id) } : {};
}
