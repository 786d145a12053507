import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import { ExitCode, StoreError } from '../errors.js';
import type {
  DoneMapping,
  EntityFailure,
  EntityInput,
  FailureFilter,
  FailureInput,
  FailureKey,
  FinishRunInput,
  IdMapping,
  IdMapState,
  JsonObject,
  ListRunsFilter,
  MappingCounts,
  MappingPageOptions,
  MigrationPhase,
  MigrationRun,
  PageOptions,
  PendingUpdate,
  RemovedInSource,
  RunEvent,
  RunEventInput,
  RunPhase,
  RunStatus,
  SourceEntity,
  SourcePageOptions,
  StartRunInput,
  StateStore,
  StateStoreSession,
  StoredCheckpoint,
  StreamCheckpoint,
  TransformedEntity,
  TransformedEntityInput,
  WriteCounts,
  WrittenPlan,
} from '../ports/state-store.js';
import type {
  AcquireWriterLockOptions,
  WriterLock,
  WriterLockHolder,
  WriterLocks,
} from '../ports/writer-lock.js';
import { redact } from '../secrets.js';
import { chunkForParameters } from './batching.js';
import { canonicalJson, hashCanonicalJson } from './content-hash.js';
import { type MigrationStatus, migrateToLatest, readMigrationStatus } from './migrate.js';
import type {
  EntityFailureTable,
  IdMapTable,
  MigrationRunTable,
  RunEventTable,
  SourceEntityTable,
  StoreDatabase,
  StreamCheckpointTable,
  TransformedEntityTable,
} from './schema.js';
import { toStoreError } from './store-error.js';

const DEFAULT_PAGE_SIZE = 500;
const ENTITY_KEY = ['project_key', 'entity_type', 'source_id'] as const;
const FAILURE_KEY = ['project_key', 'phase', 'entity_type', 'source_id'] as const;

/** Bind parameters each inserted row uses, to size multi-row inserts. */
const PARAMETERS_PER_ROW = {
  sourceEntity: 6,
  transformedEntity: 7,
  idMap: 10,
  runEvent: 6,
} as const;

interface PreparedEntity<Input extends EntityInput> {
  input: Input;
  sourceId: string;
  json: string;
  hash: string;
}

export interface KyselyStateStoreOptions {
  /** Where the state lives, fit to print. */
  location: string;
  /** The PostgreSQL schema holding the tables (the connection's `search_path` points at it). */
  schema: string;
  /** Runs after the connection is closed, e.g. to release a directory lock. */
  onClose?: () => Promise<void>;
  /** How this store's kind of database keeps one writer per project. */
  writerLocks: WriterLocks & { close(): Promise<void> };
}

/**
 * The state store on kysely; the same SQL runs on PostgreSQL and on PGlite. Every public
 * method turns driver errors into one-line `StoreError`s naming the store's location.
 */
export class KyselyStateStore implements StateStore {
  readonly location: string;
  readonly #db: Kysely<StoreDatabase>;
  readonly #schema: string;
  readonly #onClose: (() => Promise<void>) | undefined;
  readonly #writerLocks: WriterLocks & { close(): Promise<void> };
  /**
   * The transaction the current async call chain runs in. PGlite has a single connection,
   * so a query on the store's own connection pool from inside a transaction would wait for
   * the transaction forever; routing it into the transaction makes both dialects agree.
   */
  readonly #currentTransaction = new AsyncLocalStorage<Transaction<StoreDatabase>>();
  #closed = false;

  constructor(db: Kysely<StoreDatabase>, options: KyselyStateStoreOptions) {
    this.#db = db;
    this.location = options.location;
    this.#schema = options.schema;
    this.#onClose = options.onClose;
    this.#writerLocks = options.writerLocks;
  }

  // Writer locks

  acquireWriterLock(
    projectKey: string,
    holder: WriterLockHolder,
    options?: AcquireWriterLockOptions,
  ): Promise<WriterLock> {
    this.#assertOpen('take the writer lock');
    return this.#writerLocks.acquireWriterLock(projectKey, holder, options);
  }

  writerLockHolder(projectKey: string): Promise<WriterLockHolder | undefined> {
    this.#assertOpen('read the writer lock');
    return this.#writerLocks.writerLockHolder(projectKey);
  }

  // Runs

  startRun(input: StartRunInput): Promise<MigrationRun> {
    return this.#guard('start a run', async () => {
      const id = randomUUID();
      const row = await this.#executor()
        .insertInto('migration_run')
        .values({
          id,
          migration_id: input.migrationId ?? id,
          project_key: input.projectKey,
          target_project_id: input.targetProjectId ?? null,
          phase: input.phase,
          status: 'running' satisfies RunStatus,
          options: canonicalJson(input.options),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toRun(row);
    });
  }

  finishRun(runId: string, input: FinishRunInput): Promise<MigrationRun> {
    return this.#guard('finish a run', async () => {
      const db = this.#executor();
      const row = await db
        .updateTable('migration_run')
        .set({
          status: input.status,
          summary: input.summary === undefined ? null : canonicalJson(input.summary),
          error: input.error === undefined ? null : redact(input.error),
          finished_at: sql<Date>`now()`,
        })
        .where('id', '=', runId)
        .where('status', '=', 'running' satisfies RunStatus)
        .returningAll()
        .executeTakeFirst();
      if (row) return toRun(row);
      const existing = await db
        .selectFrom('migration_run')
        .select('status')
        .where('id', '=', runId)
        .executeTakeFirst();
      throw new StoreError(
        existing
          ? `run ${runId} has already finished (${existing.status})`
          : `run ${runId} does not exist in ${this.location}`,
      );
    });
  }

  getRun(runId: string): Promise<MigrationRun | undefined> {
    return this.#guard('read a run', async () => {
      const row = await this.#executor()
        .selectFrom('migration_run')
        .selectAll()
        .where('id', '=', runId)
        .executeTakeFirst();
      return row && toRun(row);
    });
  }

  latestRun(projectKey: string, filter: { phase?: RunPhase } = {}): Promise<MigrationRun | undefined> {
    return this.#guard('read the latest run', async () => {
      const row = await this.#executor()
        .selectFrom('migration_run')
        .selectAll()
        .where('project_key', '=', projectKey)
        .$if(filter.phase !== undefined, (query) => query.where('phase', '=', filter.phase as RunPhase))
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row && toRun(row);
    });
  }

  listRuns(filter: ListRunsFilter = {}): Promise<MigrationRun[]> {
    return this.#guard('list runs', async () => {
      const rows = await this.#executor()
        .selectFrom('migration_run')
        .selectAll()
        .$if(filter.projectKey !== undefined, (query) =>
          query.where('project_key', '=', filter.projectKey as string),
        )
        .$if(filter.migrationId !== undefined, (query) =>
          query.where('migration_id', '=', filter.migrationId as string),
        )
        .orderBy('seq', 'desc')
        .$if(filter.limit !== undefined, (query) => query.limit(filter.limit as number))
        .execute();
      return rows.map(toRun);
    });
  }

  // Raw entities

  putSourceEntities(
    projectKey: string,
    entityType: string,
    entities: readonly EntityInput[],
    checkpoint?: StreamCheckpoint,
    pass?: string,
  ): Promise<WriteCounts> {
    return this.#guard('save source entities', () =>
      this.#inTransaction(async (db) => {
        const counts: WriteCounts = { inserted: 0, updated: 0, unchanged: 0 };
        const prepared = prepareEntities(entityType, entities);
        for (const chunk of chunkForParameters(prepared, PARAMETERS_PER_ROW.sourceEntity)) {
          const stored = await db
            .selectFrom('source_entity')
            .select(['source_id', 'content_hash', 'seen_pass', 'removed_at'])
            .where('project_key', '=', projectKey)
            .where('entity_type', '=', entityType)
            .where('source_id', '=', (eb) => eb.fn.any(eb.val(chunk.map((entity) => entity.sourceId))))
            .execute();
          // An unchanged row is still rewritten to record the pass that listed it (or its return).
          const changed = entitiesToWrite(
            chunk,
            stored,
            counts,
            (_entity, row) => (pass !== undefined && row.seen_pass !== pass) || row.removed_at !== null,
          );
          if (changed.length === 0) continue;
          await db
            .insertInto('source_entity')
            .values(
              changed.map((entity) => ({
                project_key: projectKey,
                entity_type: entityType,
                source_id: entity.sourceId,
                payload: entity.json,
                content_hash: entity.hash,
                seen_pass: pass ?? null,
              })),
            )
            .onConflict((conflict) =>
              conflict.columns(ENTITY_KEY).doUpdateSet((eb) => ({
                payload: eb.ref('excluded.payload'),
                content_hash: eb.ref('excluded.content_hash'),
                seen_pass: sql<string | null>`coalesce(excluded.seen_pass, source_entity.seen_pass)`,
                removed_at: null,
                changed_at: sql<Date>`case when source_entity.content_hash = excluded.content_hash then source_entity.changed_at else now() end`,
              })),
            )
            .execute();
        }
        if (checkpoint) await upsertCheckpoint(db, projectKey, checkpoint);
        return counts;
      }),
    );
  }

  markUnlistedRemoved(projectKey: string, entityType: string, pass: string): Promise<number> {
    return this.#guard('mark removed source entities', async () => {
      const result = await this.#executor()
        .updateTable('source_entity')
        .set({ removed_at: sql<Date>`now()` })
        .where('project_key', '=', projectKey)
        .where('entity_type', '=', entityType)
        .where('removed_at', 'is', null)
        .where((eb) => eb.or([eb('seen_pass', 'is', null), eb('seen_pass', '<>', pass)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    });
  }

  iterateSourceEntityPages(
    projectKey: string,
    entityType: string,
    options: SourcePageOptions = {},
  ): AsyncIterable<SourceEntity[]> {
    return this.#pages('read source entities', options, async (db, after, limit) => {
      const rows = await db
        .selectFrom('source_entity as s')
        .selectAll('s')
        .where('s.project_key', '=', projectKey)
        .where('s.entity_type', '=', entityType)
        .where('s.removed_at', 'is', null)
        .$if(options.onlyNeedingTransform === true, (query) =>
          // Never transformed, or transformed from a payload that has changed since.
          query.where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('transformed_entity as t')
                  .select(sql`1`.as('found'))
                  .whereRef('t.project_key', '=', 's.project_key')
                  .whereRef('t.entity_type', '=', 's.entity_type')
                  .whereRef('t.source_id', '=', 's.source_id')
                  .whereRef('t.source_hash', '=', 's.content_hash'),
              ),
            ),
          ),
        )
        .$if(after !== undefined, (query) => query.where('s.source_id', '>', after as string))
        .orderBy('s.source_id')
        .limit(limit)
        .execute();
      return rows.map(toSourceEntity);
    });
  }

  countSourceEntities(projectKey: string, entityType?: string): Promise<number> {
    return this.#guard('count source entities', () =>
      countRows(this.#executor(), 'source_entity', projectKey, entityType),
    );
  }

  getSourceEntity(
    projectKey: string,
    entityType: string,
    sourceId: string,
  ): Promise<SourceEntity | undefined> {
    return this.#guard('read a source entity', async () => {
      const row = await this.#executor()
        .selectFrom('source_entity')
        .selectAll()
        .where('project_key', '=', projectKey)
        .where('entity_type', '=', entityType)
        .where('source_id', '=', sourceId)
        .executeTakeFirst();
      return row && toSourceEntity(row);
    });
  }

  // Transformed entities

  putTransformedEntities(
    projectKey: string,
    entityType: string,
    entities: readonly TransformedEntityInput[],
    plannedRun?: string,
  ): Promise<WriteCounts> {
    return this.#guard('save transformed entities', () =>
      this.#inTransaction(async (db) => {
        const counts: WriteCounts = { inserted: 0, updated: 0, unchanged: 0 };
        const prepared = prepareEntities(entityType, entities);
        for (const chunk of chunkForParameters(prepared, PARAMETERS_PER_ROW.transformedEntity)) {
          const stored = await db
            .selectFrom('transformed_entity')
            .select(['source_id', 'content_hash', 'source_hash', 'planned_run', 'removed_at'])
            .where('project_key', '=', projectKey)
            .where('entity_type', '=', entityType)
            .where('source_id', '=', (eb) => eb.fn.any(eb.val(chunk.map((entity) => entity.sourceId))))
            .execute();
          // A row is rewritten when either hash moved, but counts as updated only when the
          // payload did: a new source hash alone must still be recorded so re-transforms skip it.
          const toWrite = entitiesToWrite(
            chunk,
            stored,
            counts,
            (entity, storedRow) =>
              storedRow.source_hash !== entity.input.sourceHash ||
              (plannedRun !== undefined && storedRow.planned_run !== plannedRun) ||
              storedRow.removed_at !== null,
          );
          if (toWrite.length === 0) continue;
          await db
            .insertInto('transformed_entity')
            .values(
              toWrite.map((entity) => ({
                project_key: projectKey,
                entity_type: entityType,
                source_id: entity.sourceId,
                payload: entity.json,
                content_hash: entity.hash,
                source_hash: entity.input.sourceHash,
                planned_run: plannedRun ?? null,
              })),
            )
            .onConflict((conflict) =>
              conflict.columns(ENTITY_KEY).doUpdateSet((eb) => ({
                payload: eb.ref('excluded.payload'),
                content_hash: eb.ref('excluded.content_hash'),
                source_hash: eb.ref('excluded.source_hash'),
                planned_run: sql<
                  string | null
                >`coalesce(excluded.planned_run, transformed_entity.planned_run)`,
                removed_at: null,
                transformed_at: sql<Date>`now()`,
              })),
            )
            .execute();
        }
        return counts;
      }),
    );
  }

  markUnplannedRemoved(projectKey: string, plannedRun: string): Promise<Record<string, number>> {
    return this.#guard('mark removed planned entities', async () => {
      const rows = await this.#executor()
        .updateTable('transformed_entity')
        .set({ removed_at: sql<Date>`now()` })
        .where('project_key', '=', projectKey)
        .where('removed_at', 'is', null)
        .where((eb) => eb.or([eb('planned_run', 'is', null), eb('planned_run', '<>', plannedRun)]))
        .returning('entity_type')
        .execute();
      const counts: Record<string, number> = {};
      for (const row of rows) counts[row.entity_type] = (counts[row.entity_type] ?? 0) + 1;
      return counts;
    });
  }

  countRemovedInSource(projectKey: string): Promise<Record<string, number>> {
    return this.#guard('count entities removed in the source', async () => {
      const rows = await this.#removedInSource(this.#executor(), projectKey)
        .select((eb) => ['t.entity_type', eb.fn.countAll().as('rows')])
        .groupBy('t.entity_type')
        .execute();
      return Object.fromEntries(rows.map((row) => [row.entity_type, Number(row.rows)]));
    });
  }

  listRemovedInSource(projectKey: string, options: { limit?: number } = {}): Promise<RemovedInSource[]> {
    return this.#guard('list entities removed in the source', async () => {
      const rows = await this.#removedInSource(this.#executor(), projectKey)
        .select(['t.entity_type', 't.source_id', 't.payload', 't.removed_at', 'm.target_id'])
        .orderBy('t.entity_type')
        .orderBy('t.source_id')
        .$if(options.limit !== undefined, (query) => query.limit(options.limit as number))
        .execute();
      return rows.map((row) => ({
        entityType: row.entity_type,
        sourceId: row.source_id,
        targetId: row.target_id,
        payload: row.payload,
        removedAt: row.removed_at as Date,
      }));
    });
  }

  /** Removed planned entities whose mapping is `done`: the target holds them. */
  #removedInSource(db: Kysely<StoreDatabase>, projectKey: string) {
    return db
      .selectFrom('transformed_entity as t')
      .innerJoin('id_map as m', (join) =>
        join
          .onRef('m.project_key', '=', 't.project_key')
          .onRef('m.entity_type', '=', 't.entity_type')
          .onRef('m.source_id', '=', 't.source_id'),
      )
      .where('t.project_key', '=', projectKey)
      .where('t.removed_at', 'is not', null)
      .where('m.state', '=', 'done' satisfies IdMapState);
  }

  getTransformedEntities(
    projectKey: string,
    entityType: string,
    sourceIds: readonly string[],
  ): Promise<Map<string, TransformedEntity>> {
    return this.#guard('read transformed entities', async () => {
      if (sourceIds.length === 0) return new Map();
      const rows = await this.#executor()
        .selectFrom('transformed_entity')
        .selectAll()
        .where('project_key', '=', projectKey)
        .where('entity_type', '=', entityType)
        .where('removed_at', 'is', null)
        .where('source_id', '=', (eb) => eb.fn.any(eb.val([...sourceIds])))
        .execute();
      return new Map(rows.map((row) => [row.source_id, toTransformedEntity(row)]));
    });
  }

  iterateTransformedEntityPages(
    projectKey: string,
    entityType: string,
    options: PageOptions = {},
  ): AsyncIterable<TransformedEntity[]> {
    return this.#pages('read transformed entities', options, async (db, after, limit) => {
      const rows = await db
        .selectFrom('transformed_entity')
        .selectAll()
        .where('project_key', '=', projectKey)
        .where('entity_type', '=', entityType)
        .where('removed_at', 'is', null)
        .$if(after !== undefined, (query) => query.where('source_id', '>', after as string))
        .orderBy('source_id')
        .limit(limit)
        .execute();
      return rows.map(toTransformedEntity);
    });
  }

  countTransformedEntities(projectKey: string, entityType?: string): Promise<number> {
    return this.#guard('count transformed entities', () =>
      countRows(this.#executor(), 'transformed_entity', projectKey, entityType),
    );
  }

  getTransformedEntity(
    projectKey: string,
    entityType: string,
    sourceId: string,
  ): Promise<TransformedEntity | undefined> {
    return this.#guard('read a transformed entity', async () => {
      const row = await this.#executor()
        .selectFrom('transformed_entity')
        .selectAll()
        .where('project_key', '=', projectKey)
        .where('entity_type', '=', entityType)
        .where('source_id', '=', sourceId)
        .executeTakeFirst();
      return row && toTransformedEntity(row);
    });
  }

  // Id map

  markPending(
    projectKey: string,
    entityType: string,
    sourceIds: readonly string[],
    runId?: string,
  ): Promise<IdMapping[]> {
    return this.#guard('mark entities pending', () =>
      this.#inTransaction(async (db) => {
        await upsertMappingState(db, projectKey, entityType, sourceIds, 'pending', runId);
        const mappings = await selectMappings(db, projectKey, entityType, sourceIds);
        return sourceIds.flatMap((sourceId) => mappings.get(sourceId) ?? []);
      }),
    );
  }

  markDone(
    projectKey: string,
    entityType: string,
    done: readonly DoneMapping[],
    runId?: string,
  ): Promise<void> {
    return this.#guard('mark entities done', () =>
      this.#inTransaction(async (db) => {
        const latestById = new Map(done.map((mapping) => [mapping.sourceId, mapping]));
        for (const chunk of chunkForParameters([...latestById.values()], PARAMETERS_PER_ROW.idMap)) {
          await db
            .insertInto('id_map')
            .values(
              chunk.map((mapping) => ({
                project_key: projectKey,
                entity_type: entityType,
                source_id: mapping.sourceId,
                state: 'done' satisfies IdMapState,
                target_id: mapping.targetId,
                content_hash: mapping.contentHash ?? null,
                written_hash: mapping.writtenHash ?? null,
                written_plan: mapping.writtenPlan === undefined ? null : JSON.stringify(mapping.writtenPlan),
                target_data: mapping.targetData === undefined ? null : JSON.stringify(mapping.targetData),
                run_id: runId ?? null,
              })),
            )
            .onConflict((conflict) =>
              conflict.columns(ENTITY_KEY).doUpdateSet((eb) => ({
                state: eb.ref('excluded.state'),
                target_id: eb.ref('excluded.target_id'),
                content_hash: eb.ref('excluded.content_hash'),
                written_hash: eb.ref('excluded.written_hash'),
                written_plan: eb.ref('excluded.written_plan'),
                target_data: eb.ref('excluded.target_data'),
                run_id: eb.ref('excluded.run_id'),
                updating_hash: null,
                updated_at: sql<Date>`now()`,
              })),
            )
            .execute();
        }
      }),
    );
  }

  markUpdating(
    projectKey: string,
    entityType: string,
    updates: readonly PendingUpdate[],
    runId?: string,
  ): Promise<void> {
    return this.#guard('mark updates in doubt', () =>
      this.#inTransaction(async (db) => {
        for (const update of updates) {
          await db
            .updateTable('id_map')
            .set({ updating_hash: update.contentHash, run_id: runId ?? null, updated_at: sql<Date>`now()` })
            .where('project_key', '=', projectKey)
            .where('entity_type', '=', entityType)
            .where('source_id', '=', update.sourceId)
            .where('state', '=', 'done' satisfies IdMapState)
            .execute();
        }
      }),
    );
  }

  clearUpdating(projectKey: string, entityType: string, sourceIds: readonly string[]): Promise<void> {
    return this.#guard('clear updates in doubt', async () => {
      if (sourceIds.length === 0) return;
      await this.#executor()
        .updateTable('id_map')
        .set({ updating_hash: null })
        .where('project_key', '=', projectKey)
        .where('entity_type', '=', entityType)
        .where('source_id', '=', (eb) => eb.fn.any(eb.val([...sourceIds])))
        .execute();
    });
  }

  markVerified(projectKey: string, entityType: string, sourceIds: readonly string[]): Promise<void> {
    return this.#guard('record verified entities', async () => {
      if (sourceIds.length === 0) return;
      await this.#executor()
        .updateTable('id_map')
        .set((eb) => ({ verified_hash: eb.ref('written_hash') }))
        .where('project_key', '=', projectKey)
        .where('entity_type', '=', entityType)
        .where('state', '=', 'done' satisfies IdMapState)
        .where('source_id', '=', (eb) => eb.fn.any(eb.val([...sourceIds])))
        .execute();
    });
  }

  markFailed(
    projectKey: string,
    entityType: string,
    sourceIds: readonly string[],
    runId?: string,
  ): Promise<void> {
    return this.#guard('mark entities failed', () =>
      this.#inTransaction((db) => upsertMappingState(db, projectKey, entityType, sourceIds, 'failed', runId)),
    );
  }

  discardPending(projectKey: string, entityType: string, sourceIds: readonly string[]): Promise<void> {
    return this.#guard('discard unsent creates', () =>
      this.#inTransaction(async (db) => {
        for (const chunk of chunkForParameters([...new Set(sourceIds)], 1)) {
          await db
            .deleteFrom('id_map')
            .where('project_key', '=', projectKey)
            .where('entity_type', '=', entityType)
            .where('state', '=', 'pending' satisfies IdMapState)
            .where('source_id', '=', (eb) => eb.fn.any(eb.val(chunk)))
            .execute();
        }
      }),
    );
  }

  async getMapping(projectKey: string, entityType: string, sourceId: string): Promise<IdMapping | undefined> {
    return (await this.getMappings(projectKey, entityType, [sourceId])).get(sourceId);
  }

  getMappings(
    projectKey: string,
    entityType: string,
    sourceIds: readonly string[],
  ): Promise<Map<string, IdMapping>> {
    return this.#guard('read id mappings', () =>
      selectMappings(this.#executor(), projectKey, entityType, sourceIds),
    );
  }

  iterateMappingPages(
    projectKey: string,
    entityType: string,
    options: MappingPageOptions = {},
  ): AsyncIterable<IdMapping[]> {
    return this.#pages('read id mappings', options, async (db, after, limit) => {
      const rows = await db
        .selectFrom('id_map')
        .selectAll()
        .where('project_key', '=', projectKey)
        .where('entity_type', '=', entityType)
        .$if(options.state !== undefined, (query) => query.where('state', '=', options.state as IdMapState))
        .$if(after !== undefined, (query) => query.where('source_id', '>', after as string))
        .orderBy('source_id')
        .limit(limit)
        .execute();
      return rows.map(toMapping);
    });
  }

  countMappings(projectKey: string, entityType?: string): Promise<MappingCounts> {
    return this.#guard('count id mappings', async () => {
      const rows = await this.#executor()
        .selectFrom('id_map')
        .select((eb) => ['state', eb.fn.countAll().as('rows')])
        .where('project_key', '=', projectKey)
        .$if(entityType !== undefined, (query) => query.where('entity_type', '=', entityType as string))
        .groupBy('state')
        .execute();
      const counts: MappingCounts = { pending: 0, done: 0, failed: 0 };
      // The table's check constraint allows only these three states.
      for (const row of rows) counts[row.state as IdMapState] = Number(row.rows);
      return counts;
    });
  }

  // Checkpoints

  getCheckpoint(projectKey: string, stream: string): Promise<StoredCheckpoint | undefined> {
    return this.#guard('read a checkpoint', async () => {
      const row = await this.#executor()
        .selectFrom('stream_checkpoint')
        .selectAll()
        .where('project_key', '=', projectKey)
        .where('stream', '=', stream)
        .executeTakeFirst();
      return row && toCheckpoint(row);
    });
  }

  saveCheckpoint(projectKey: string, checkpoint: StreamCheckpoint): Promise<void> {
    return this.#guard('save a checkpoint', () => upsertCheckpoint(this.#executor(), projectKey, checkpoint));
  }

  // Failures

  recordFailure(input: FailureInput): Promise<EntityFailure> {
    return this.#guard('record a failure', async () => {
      const row = await this.#executor()
        .insertInto('entity_failure')
        .values({
          project_key: input.projectKey,
          phase: input.phase,
          entity_type: input.entityType,
          source_id: input.sourceId,
          run_id: input.runId,
          attempts: 1,
          last_error: redact(input.error),
        })
        .onConflict((conflict) =>
          conflict.columns(FAILURE_KEY).doUpdateSet((eb) => ({
            attempts: eb('entity_failure.attempts', '+', 1),
            run_id: eb.ref('excluded.run_id'),
            last_error: eb.ref('excluded.last_error'),
            last_failed_at: sql<Date>`now()`,
          })),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      return toFailure(row);
    });
  }

  clearFailures(key: Omit<FailureKey, 'sourceId'>, sourceIds: readonly string[]): Promise<number> {
    return this.#guard('clear failures', async () => {
      let cleared = 0;
      // One bound array per chunk, however long the batch.
      for (const chunk of chunkForParameters([...new Set(sourceIds)], 1)) {
        const result = await this.#executor()
          .deleteFrom('entity_failure')
          .where('project_key', '=', key.projectKey)
          .where('phase', '=', key.phase)
          .where('entity_type', '=', key.entityType)
          .where('source_id', '=', (eb) => eb.fn.any(eb.val(chunk)))
          .executeTakeFirst();
        cleared += Number(result.numDeletedRows);
      }
      return cleared;
    });
  }

  listFailures(projectKey: string, filter: FailureFilter = {}): Promise<EntityFailure[]> {
    return this.#guard('list failures', async () => {
      const rows = await this.#executor()
        .selectFrom('entity_failure')
        .selectAll()
        .where('project_key', '=', projectKey)
        .$if(filter.phase !== undefined, (query) => query.where('phase', '=', filter.phase as MigrationPhase))
        .$if(filter.entityType !== undefined, (query) =>
          query.where('entity_type', '=', filter.entityType as string),
        )
        .$if(filter.runId !== undefined, (query) => query.where('run_id', '=', filter.runId as string))
        .orderBy('phase')
        .orderBy('entity_type')
        .orderBy('source_id')
        .execute();
      return rows.map(toFailure);
    });
  }

  // Run events

  appendEvents(runId: string, events: readonly RunEventInput[]): Promise<void> {
    return this.#guard('append run events', () =>
      this.#inTransaction(async (db) => {
        for (const chunk of chunkForParameters(events, PARAMETERS_PER_ROW.runEvent)) {
          await db
            .insertInto('run_event')
            .values(
              chunk.map((event) => ({
                run_id: runId,
                kind: event.kind,
                phase: event.phase ?? null,
                entity_type: event.entityType ?? null,
                counts: event.counts === undefined ? null : canonicalJson(event.counts),
                message: event.message === undefined ? null : redact(event.message),
              })),
            )
            .execute();
        }
      }),
    );
  }

  listEvents(runId: string, options: { afterId?: number } = {}): Promise<RunEvent[]> {
    return this.#guard('list run events', async () => {
      const rows = await this.#executor()
        .selectFrom('run_event')
        .selectAll()
        .where('run_id', '=', runId)
        .$if(options.afterId !== undefined, (query) => query.where('id', '>', options.afterId as number))
        .orderBy('id')
        .execute();
      return rows.map(toEvent);
    });
  }

  // Transactions and lifecycle

  async transaction<T>(work: (store: StateStoreSession) => Promise<T>): Promise<T> {
    if (this.#currentTransaction.getStore()) return work(this);
    this.#assertOpen('run a transaction');
    // Errors thrown by `work` are the caller's and pass through as they are; only a failure
    // to begin or commit is the store's.
    let workFailure: { error: unknown } | undefined;
    try {
      return await this.#db.transaction().execute((transaction) =>
        this.#currentTransaction.run(transaction, async () => {
          try {
            return await work(this);
          } catch (error) {
            workFailure = { error };
            throw error;
          }
        }),
      );
    } catch (error) {
      if (workFailure && workFailure.error === error) throw error;
      throw toStoreError(`cannot commit a transaction in ${this.location}`, error);
    }
  }

  /** Applies pending schema migrations; returns the names applied. */
  migrateToLatest(): Promise<string[]> {
    this.#assertOpen('migrate');
    return migrateToLatest(this.#db, this.#schema);
  }

  migrationStatus(): Promise<MigrationStatus> {
    return this.#guard('read the migration status', () => readMigrationStatus(this.#db, this.#schema));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      await this.#writerLocks.close();
      await this.#db.destroy();
    } finally {
      await this.#onClose?.();
    }
  }

  #executor(): Kysely<StoreDatabase> {
    return this.#currentTransaction.getStore() ?? this.#db;
  }

  /** Runs `write` in the current transaction, or in a new one so a multi-statement write is atomic. */
  #inTransaction<T>(write: (db: Kysely<StoreDatabase>) => Promise<T>): Promise<T> {
    const current = this.#currentTransaction.getStore();
    if (current) return write(current);
    return this.#db
      .transaction()
      .execute((transaction) => this.#currentTransaction.run(transaction, () => write(transaction)));
  }

  #assertOpen(action: string): void {
    if (this.#closed) throw new StoreError(`cannot ${action}: the state store at ${this.location} is closed`);
  }

  async #guard<T>(action: string, operation: () => Promise<T>): Promise<T> {
    this.#assertOpen(action);
    try {
      return await operation();
    } catch (error) {
      throw toStoreError(`cannot ${action} in ${this.location}`, error);
    }
  }

  /** Keyset pagination on source id: each page starts after the last id of the one before, never at an offset. */
  async *#pages<Row extends { sourceId: string }>(
    action: string,
    options: PageOptions,
    fetchPage: (db: Kysely<StoreDatabase>, after: string | undefined, limit: number) => Promise<Row[]>,
  ): AsyncGenerator<Row[]> {
    const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    if (!Number.isSafeInteger(pageSize) || pageSize < 1) {
      throw new StoreError(
        `cannot ${action}: the page size must be a positive whole number, not ${pageSize}`,
      );
    }
    let after = options.afterSourceId;
    for (;;) {
      const pageAfter = after;
      const page = await this.#guard(action, () => fetchPage(this.#executor(), pageAfter, pageSize));
      if (page.length > 0) yield page;
      const last = page.at(-1);
      if (page.length < pageSize || last === undefined) return;
      after = last.sourceId;
    }
  }
}

/** Canonical JSON and its hash for each entity; a source id given twice keeps its last payload. */
function prepareEntities<Input extends EntityInput>(
  entityType: string,
  entities: readonly Input[],
): PreparedEntity<Input>[] {
  const bySourceId = new Map<string, PreparedEntity<Input>>();
  for (const input of entities) {
    const { sourceId } = input;
    let json: string;
    try {
      json = canonicalJson(input.payload);
    } catch (error) {
      throw new StoreError(
        `the payload of ${entityType} ${sourceId} is not JSON: ${error instanceof Error ? error.message : error}`,
        ExitCode.failed,
        { cause: error },
      );
    }
    bySourceId.set(sourceId, { input, sourceId, json, hash: hashCanonicalJson(json) });
  }
  return [...bySourceId.values()];
}

async function upsertCheckpoint(
  db: Kysely<StoreDatabase>,
  projectKey: string,
  checkpoint: StreamCheckpoint,
): Promise<void> {
  await db
    .insertInto('stream_checkpoint')
    .values({ project_key: projectKey, stream: checkpoint.stream, cursor: canonicalJson(checkpoint.cursor) })
    .onConflict((conflict) =>
      conflict
        .columns(['project_key', 'stream'])
        .doUpdateSet((eb) => ({ cursor: eb.ref('excluded.cursor'), saved_at: sql<Date>`now()` })),
    )
    .execute();
}

/** Moves mappings to `pending` or `failed`; a `done` mapping stays done whatever comes later. */
async function upsertMappingState(
  db: Kysely<StoreDatabase>,
  projectKey: string,
  entityType: string,
  sourceIds: readonly string[],
  state: Exclude<IdMapState, 'done'>,
  runId: string | undefined,
): Promise<void> {
  for (const chunk of chunkForParameters([...new Set(sourceIds)], PARAMETERS_PER_ROW.idMap)) {
    await db
      .insertInto('id_map')
      .values(
        chunk.map((sourceId) => ({
          project_key: projectKey,
          entity_type: entityType,
          source_id: sourceId,
          state,
          run_id: runId ?? null,
        })),
      )
      .onConflict((conflict) =>
        conflict
          .columns(ENTITY_KEY)
          .doUpdateSet((eb) => ({
            state: eb.ref('excluded.state'),
            run_id: eb.ref('excluded.run_id'),
            updated_at: sql<Date>`now()`,
          }))
          .where('id_map.state', '<>', 'done' satisfies IdMapState),
      )
      .execute();
  }
}

async function selectMappings(
  db: Kysely<StoreDatabase>,
  projectKey: string,
  entityType: string,
  sourceIds: readonly string[],
): Promise<Map<string, IdMapping>> {
  if (sourceIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('id_map')
    .selectAll()
    .where('project_key', '=', projectKey)
    .where('entity_type', '=', entityType)
    .where('source_id', '=', (eb) => eb.fn.any(eb.val([...sourceIds])))
    .execute();
  return new Map(rows.map((row) => [row.source_id, toMapping(row)]));
}

async function countRows(
  db: Kysely<StoreDatabase>,
  table: 'source_entity' | 'transformed_entity',
  projectKey: string,
  entityType: string | undefined,
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('rows'))
    .where('project_key', '=', projectKey)
    .where('removed_at', 'is', null)
    .$if(entityType !== undefined, (query) => query.where('entity_type', '=', entityType as string))
    .executeTakeFirstOrThrow();
  return Number(row.rows);
}

// Rows to port values. `pg` returns bigint columns as strings and PGlite as numbers; both
// return jsonb parsed and timestamptz as Date.

function toRun(row: Selectable<MigrationRunTable>): MigrationRun {
  return {
    id: row.id,
    migrationId: row.migration_id,
    projectKey: row.project_key,
    targetProjectId: row.target_project_id,
    phase: row.phase as RunPhase,
    status: row.status as RunStatus,
    options: row.options as JsonObject,
    summary: row.summary as JsonObject | null,
    error: row.error,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

function toSourceEntity(row: Selectable<SourceEntityTable>): SourceEntity {
  return {
    projectKey: row.project_key,
    entityType: row.entity_type,
    sourceId: row.source_id,
    payload: row.payload,
    contentHash: row.content_hash,
    firstExtractedAt: row.first_extracted_at,
    changedAt: row.changed_at,
  };
}

function toTransformedEntity(row: Selectable<TransformedEntityTable>): TransformedEntity {
  return {
    projectKey: row.project_key,
    entityType: row.entity_type,
    sourceId: row.source_id,
    payload: row.payload,
    contentHash: row.content_hash,
    sourceHash: row.source_hash,
    transformedAt: row.transformed_at,
  };
}

function toMapping(row: Selectable<IdMapTable>): IdMapping {
  return {
    projectKey: row.project_key,
    entityType: row.entity_type,
    sourceId: row.source_id,
    state: row.state as IdMapState,
    targetId: row.target_id,
    contentHash: row.content_hash,
    targetData: (row.target_data as JsonObject | null) ?? null,
    runId: row.run_id,
    updatedAt: row.updated_at,
    updatingHash: row.updating_hash,
    writtenHash: row.written_hash,
    verifiedHash: row.verified_hash,
    writtenPlan: (row.written_plan as unknown as WrittenPlan | null) ?? null,
  };
}

function toCheckpoint(row: Selectable<StreamCheckpointTable>): StoredCheckpoint {
  return { projectKey: row.project_key, stream: row.stream, cursor: row.cursor, savedAt: row.saved_at };
}

function toFailure(row: Selectable<EntityFailureTable>): EntityFailure {
  return {
    projectKey: row.project_key,
    phase: row.phase as MigrationPhase,
    entityType: row.entity_type,
    sourceId: row.source_id,
    runId: row.run_id,
    attempts: row.attempts,
    firstFailedAt: row.first_failed_at,
    lastFailedAt: row.last_failed_at,
    lastError: row.last_error,
  };
}

function toEvent(row: Selectable<RunEventTable>): RunEvent {
  return {
    id: Number(row.id),
    runId: row.run_id,
    kind: row.kind,
    phase: row.phase as MigrationPhase | null,
    entityType: row.entity_type,
    counts: row.counts,
    message: row.message,
    createdAt: row.created_at,
  };
}

/**
 * Counts each entity of a chunk as inserted, updated (payload hash moved) or unchanged against
 * the stored rows, and returns the ones to write: new, changed, or flagged by `alsoRewrite`.
 */
function entitiesToWrite<
  E extends { sourceId: string; hash: string },
  R extends { source_id: string; content_hash: string },
>(
  chunk: readonly E[],
  storedRows: readonly R[],
  counts: WriteCounts,
  alsoRewrite: (entity: E, storedRow: R) => boolean = () => false,
): E[] {
  const storedById = new Map(storedRows.map((row) => [row.source_id, row]));
  return chunk.filter((entity) => {
    const storedRow = storedById.get(entity.sourceId);
    if (storedRow === undefined) {
      counts.inserted += 1;
      return true;
    }
    if (storedRow.content_hash === entity.hash) {
      counts.unchanged += 1;
      return alsoRewrite(entity, storedRow);
    }
    counts.updated += 1;
    return true;
  });
}
