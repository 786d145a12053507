/**
 * The state store: everything a migration remembers between pages, phases and processes.
 *
 * Phases run Singer/Airbyte style and may run in separate processes days apart, so every
 * record is keyed by the Zephyr project key (and the run id where a record belongs to one
 * run). Vendor ids are kept as text: Zephyr and qTest ids can exceed what a JavaScript
 * number holds exactly, and some are keys rather than numbers.
 *
 * Timestamps are `Date`s set by the database server; counts are plain numbers.
 */

import type { WriterLocks } from './writer-lock.js';

/** A value that survives a JSON round trip unchanged. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type MigrationPhase = 'extract' | 'transform' | 'load' | 'validate';
/** A run covers one phase, or `all` of them in sequence. */
export type RunPhase = MigrationPhase | 'all';
export type RunStatus = 'running' | 'succeeded' | 'partial' | 'failed' | 'interrupted';
export type FinishedRunStatus = Exclude<RunStatus, 'running'>;

export interface StartRunInput {
  /** Groups the runs of one migration; omitted, the new run starts a migration of its own id. */
  migrationId?: string;
  projectKey: string;
  targetProjectId?: string;
  phase: RunPhase;
  /** The effective options the run was started with, kept for the report. */
  options: JsonObject;
}

export interface FinishRunInput {
  status: FinishedRunStatus;
  /** Totals for the report, e.g. `{ testCases: { created: 10, skipped: 2 } }`. */
  summary?: JsonObject;
  /** Why the run failed; secrets are redacted before it is stored. */
  error?: string;
}

export interface MigrationRun {
  id: string;
  migrationId: string;
  projectKey: string;
  targetProjectId: string | null;
  phase: RunPhase;
  status: RunStatus;
  options: JsonObject;
  summary: JsonObject | null;
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
}

export interface ListRunsFilter {
  projectKey?: string;
  migrationId?: string;
  /** Newest first; at most this many. */
  limit?: number;
}

export interface EntityInput {
  sourceId: string;
  /** Any JSON-serialisable value; it is stored and hashed in canonical form (sorted keys). */
  payload: unknown;
}

export interface TransformedEntityInput extends EntityInput {
  /** The content hash of the raw entity this payload was transformed from. */
  sourceHash: string;
}

export interface SourceEntity {
  projectKey: string;
  entityType: string;
  sourceId: string;
  payload: JsonValue;
  /** sha256 (hex) of the payload's canonical JSON. */
  contentHash: string;
  firstExtractedAt: Date;
  /** When the payload last changed (equal to `firstExtractedAt` until it does). */
  changedAt: Date;
}

export interface TransformedEntity {
  projectKey: string;
  entityType: string;
  sourceId: string;
  payload: JsonValue;
  contentHash: string;
  sourceHash: string;
  transformedAt: Date;
}

/** What an upsert of a batch did; a source id given twice in one batch counts once. */
export interface WriteCounts {
  inserted: number;
  /** Rows whose payload changed. */
  updated: number;
  unchanged: number;
}

export interface StreamCheckpoint {
  stream: string;
  /** Opaque to the store: whatever the extractor needs to continue the stream. */
  cursor: JsonValue;
}

export interface StoredCheckpoint extends StreamCheckpoint {
  projectKey: string;
  savedAt: Date;
}

export interface PageOptions {
  /** Rows per page; defaults to 500. */
  pageSize?: number;
  /** Continue after this source id, e.g. where a crashed transform stopped. */
  afterSourceId?: string;
}

export interface SourcePageOptions extends PageOptions {
  /** Only raw entities never transformed, or changed since their transform. */
  onlyNeedingTransform?: boolean;
}

export interface MappingPageOptions extends PageOptions {
  state?: IdMapState;
}

/**
 * `pending`: a create was (or is about to be) sent and the target has not confirmed it, so on
 * resume the target must be searched before creating again. `done`: the target confirmed and
 * `targetId` is known; nothing ever moves a row out of `done`. `failed`: the target refused the
 * create, so it is safe to retry without a search.
 */
export type IdMapState = 'pending' | 'done' | 'failed';

export interface IdMapping {
  projectKey: string;
  entityType: string;
  sourceId: string;
  state: IdMapState;
  targetId: string | null;
  /** Content hash of the transformed payload the target holds, so a re-run can tell whether to update it. */
  contentHash: string | null;
  /** What the target said about the entity besides its id (e.g. step ids), for later entities. */
  targetData: JsonObject | null;
  /** The run that last changed the row. */
  runId: string | null;
  updatedAt: Date;
  /**
   * The content hash of an update that was sent (or about to be) and not confirmed: a resumed
   * run reads the entity back before sending it again. `null` when no update is in doubt.
   */
  updatingHash: string | null;
  /** The hash of what was written (see `DoneMapping.writtenHash`); `null` for rows from before it was kept. */
  writtenHash: string | null;
  /** The written hash the target was last read back and found to hold; `null` until then. */
  verifiedHash: string | null;
  /** What was written (see `DoneMapping.writtenPlan`); `null` for rows from before it was kept. */
  writtenPlan: WrittenPlan | null;
}

/** The part of a plan that reaches the target: what `written_hash` hashes, kept as written. */
export interface WrittenPlan {
  body: JsonObject;
  /** Symbolic, as planned: `{ type, sourceId }` per reference name. */
  refs: Record<string, { type: string; sourceId: string }>;
  marker: JsonObject;
}

export interface PendingUpdate {
  sourceId: string;
  /** The content hash of the payload the update sends. */
  contentHash: string;
}

/** A target entity ztoq wrote whose source is gone: listed, never deleted. */
export interface RemovedInSource {
  entityType: string;
  sourceId: string;
  targetId: string | null;
  /** The plan it was last written from (its label names it in reports). */
  payload: JsonValue;
  removedAt: Date;
}

export interface DoneMapping {
  sourceId: string;
  targetId: string;
  contentHash?: string;
  /** The hash of what the target was sent (body, references, marker), which decides whether to update. */
  writtenHash?: string;
  /** The body, references and marker the target was sent, for `plan`'s diff and hand-edit checks. */
  writtenPlan?: WrittenPlan;
  targetData?: JsonObject;
}

export type MappingCounts = Record<IdMapState, number>;

export interface FailureKey {
  projectKey: string;
  phase: MigrationPhase;
  entityType: string;
  sourceId: string;
}

export interface FailureInput extends FailureKey {
  runId: string;
  /** One line describing the failure; secrets are redacted before it is stored. */
  error: string;
}

export interface EntityFailure extends FailureKey {
  /** The run that failed most recently. */
  runId: string;
  attempts: number;
  firstFailedAt: Date;
  lastFailedAt: Date;
  lastError: string;
}

export interface FailureFilter {
  phase?: MigrationPhase;
  entityType?: string;
  runId?: string;
}

export interface RunEventInput {
  /** What happened, e.g. `page-extracted`, `phase-finished`. */
  kind: string;
  phase?: MigrationPhase;
  entityType?: string;
  counts?: Record<string, number>;
  /** Secrets are redacted before it is stored. */
  message?: string;
}

export interface RunEvent {
  /** Increases in the order events were appended. */
  id: number;
  runId: string;
  kind: string;
  phase: MigrationPhase | null;
  entityType: string | null;
  counts: Record<string, number> | null;
  message: string | null;
  createdAt: Date;
}

export interface StateStoreSession {
  startRun(input: StartRunInput): Promise<MigrationRun>;
  /** Fails if the run does not exist or has already finished. */
  finishRun(runId: string, input: FinishRunInput): Promise<MigrationRun>;
  getRun(runId: string): Promise<MigrationRun | undefined>;
  latestRun(projectKey: string, filter?: { phase?: RunPhase }): Promise<MigrationRun | undefined>;
  listRuns(filter?: ListRunsFilter): Promise<MigrationRun[]>;

  /**
   * Upserts one page of raw entities and, when given, the stream's checkpoint, in one
   * transaction: after a crash either both are stored or neither is.
   */
  putSourceEntities(
    projectKey: string,
    entityType: string,
    entities: readonly EntityInput[],
    checkpoint?: StreamCheckpoint,
    /** The extract pass listing them: stamped on every given row, changed or not (see `markUnlistedRemoved`). */
    pass?: string,
  ): Promise<WriteCounts>;
  /**
   * After a complete pass over a stream: marks every raw entity of the type that the pass did not
   * list as removed from the source (reads then leave it out); returns how many were newly marked.
   */
  markUnlistedRemoved(projectKey: string, entityType: string, pass: string): Promise<number>;
  /** Pages in source id order (byte order), read by keyset so memory stays bounded; removed rows are left out. */
  iterateSourceEntityPages(
    projectKey: string,
    entityType: string,
    options?: SourcePageOptions,
  ): AsyncIterable<SourceEntity[]>;
  countSourceEntities(projectKey: string, entityType?: string): Promise<number>;
  getSourceEntity(
    projectKey: string,
    entityType: string,
    sourceId: string,
  ): Promise<SourceEntity | undefined>;

  putTransformedEntities(
    projectKey: string,
    entityType: string,
    entities: readonly TransformedEntityInput[],
    /** The transform run planning them: stamped on every given row (see `markUnplannedRemoved`). */
    plannedRun?: string,
  ): Promise<WriteCounts>;
  /**
   * After a complete transform: marks every planned entity the run did not plan again as removed
   * in the source; returns how many were newly marked, by type.
   */
  markUnplannedRemoved(projectKey: string, plannedRun: string): Promise<Record<string, number>>;
  /** Removed planned entities the target holds (their mapping is `done`), by type. */
  countRemovedInSource(projectKey: string): Promise<Record<string, number>>;
  /** The first `limit` of them, by type and source id. */
  listRemovedInSource(projectKey: string, options?: { limit?: number }): Promise<RemovedInSource[]>;
  /** Keyed by source id; ids without a row (or removed) are absent. */
  getTransformedEntities(
    projectKey: string,
    entityType: string,
    sourceIds: readonly string[],
  ): Promise<Map<string, TransformedEntity>>;
  iterateTransformedEntityPages(
    projectKey: string,
    entityType: string,
    options?: PageOptions,
  ): AsyncIterable<TransformedEntity[]>;
  countTransformedEntities(projectKey: string, entityType?: string): Promise<number>;
  getTransformedEntity(
    projectKey: string,
    entityType: string,
    sourceId: string,
  ): Promise<TransformedEntity | undefined>;

  /**
   * Marks the entities `pending` before their create is sent, leaving `done` rows alone, and
   * returns every given id's mapping as now stored (input order) so the caller skips the `done` ones.
   */
  markPending(
    projectKey: string,
    entityType: string,
    sourceIds: readonly string[],
    runId?: string,
  ): Promise<IdMapping[]>;
  /**
   * Records, before they are sent, the updates of `done` entities: the content hash each sends.
   * Left in place if the process dies, so the next run checks the target before resending.
   */
  markUpdating(
    projectKey: string,
    entityType: string,
    updates: readonly PendingUpdate[],
    runId?: string,
  ): Promise<void>;
  /** Forgets updates that were refused or never sent: nothing about them is in doubt. */
  clearUpdating(projectKey: string, entityType: string, sourceIds: readonly string[]): Promise<void>;
  /** Records that the target was read back and holds what was last written for these entities. */
  markVerified(projectKey: string, entityType: string, sourceIds: readonly string[]): Promise<void>;
  /** Records the target ids (and clears any update in doubt) once the target has confirmed the writes. */
  markDone(
    projectKey: string,
    entityType: string,
    done: readonly DoneMapping[],
    runId?: string,
  ): Promise<void>;
  /** Marks refused creates `failed`, leaving `done` rows alone. */
  markFailed(
    projectKey: string,
    entityType: string,
    sourceIds: readonly string[],
    runId?: string,
  ): Promise<void>;
  /**
   * Forgets `pending` rows whose create was never sent (the run stopped first), so the next run
   * need not look them up; `done` and `failed` rows are left alone.
   */
  discardPending(projectKey: string, entityType: string, sourceIds: readonly string[]): Promise<void>;
  getMapping(projectKey: string, entityType: string, sourceId: string): Promise<IdMapping | undefined>;
  /** Keyed by source id; ids without a mapping are absent. */
  getMappings(
    projectKey: string,
    entityType: string,
    sourceIds: readonly string[],
  ): Promise<Map<string, IdMapping>>;
  iterateMappingPages(
    projectKey: string,
    entityType: string,
    options?: MappingPageOptions,
  ): AsyncIterable<IdMapping[]>;
  countMappings(projectKey: string, entityType?: string): Promise<MappingCounts>;

  getCheckpoint(projectKey: string, stream: string): Promise<StoredCheckpoint | undefined>;
  saveCheckpoint(projectKey: string, checkpoint: StreamCheckpoint): Promise<void>;

  /** Counts one more attempt, keeping when the entity first and last failed and the latest error. */
  recordFailure(input: FailureInput): Promise<EntityFailure>;
  /**
   * Forgets the failures of entities that have now succeeded, a whole batch in one statement;
   * returns how many there were.
   */
  clearFailures(key: Omit<FailureKey, 'sourceId'>, sourceIds: readonly string[]): Promise<number>;
  /** Ordered by phase, entity type and source id. */
  listFailures(projectKey: string, filter?: FailureFilter): Promise<EntityFailure[]>;

  appendEvents(runId: string, events: readonly RunEventInput[]): Promise<void>;
  /** In the order they were appended; `afterId` lets a progress display poll for new ones. */
  listEvents(runId: string, options?: { afterId?: number }): Promise<RunEvent[]>;

  /**
   * Runs `work` in one transaction: everything it writes is committed together, or nothing
   * is if it throws. Calls made inside `work`, through its argument or through this store,
   * join the transaction; a nested `transaction` joins the outer one.
   */
  transaction<T>(work: (store: StateStoreSession) => Promise<T>): Promise<T>;
}

export interface StateStore extends StateStoreSession, WriterLocks {
  /** Where the state lives, fit to print: never contains a password. */
  readonly location: string;
  close(): Promise<void>;
}
