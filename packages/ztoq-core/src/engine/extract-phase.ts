import { SourceAnswerInvalid } from '../errors.js';
import { CANONICAL_ENTITY_TYPES, type CanonicalEntityType, canonicalSourceId } from '../model/canonical.js';
import type { JsonValue } from '../ports/state-store.js';
import { classifyWriteFailure } from '../ports/write-failure.js';
import { errorLine } from './error-line.js';
import { type PhaseContext, throwIfAborted } from './phase-context.js';
import { limitedTestCaseKeys } from './rehearsal-limit.js';

/**
 * A stream's extract checkpoint. It belongs to one migration: a resumed migration skips the
 * streams it finished and continues the one it was reading; a new migration, or a migration
 * whose every stream is finished (a refresh) and whose latest run was not stopped, reads
 * everything again.
 */
interface ExtractCursor {
  migrationId: string;
  complete: boolean;
  cursor: JsonValue;
  /**
   * The pass reading the stream from its start (the run that began it), stamped on every row it
   * lists; a resumed read keeps it. Absent in cursors written before passes were recorded.
   */
  pass?: string;
}

/** Times a stream read is resumed in one run without a page stored in between. */
const STREAM_RESTARTS = 5;

/** Streams a rehearsal (`limit`) reads only in part. */
const LIMITED_STREAMS: ReadonlySet<CanonicalEntityType> = new Set(['test-case', 'test-execution']);

export const extractStream = (type: CanonicalEntityType): string => `extract:${type}`;

/**
 * The failure id of a whole stream that could not be read to its end (a list page that breaks
 * the spec), beside the failures of single entities, which carry the entity's id.
 */
export const STREAM_FAILURE_ID = '(stream)';

/** Streams every entity of the project into the store, page by page, each page with its checkpoint. */
export async function extractPhase(context: PhaseContext): Promise<Record<string, number>> {
  const { store, source, options, migrationId, signal } = context;
  const { projectKey } = options;
  const cursors = await Promise.all(
    CANONICAL_ENTITY_TYPES.map(async (type) => {
      const stored = (await store.getCheckpoint(projectKey, extractStream(type)))?.cursor as
        | ExtractCursor
        | undefined;
      return stored?.migrationId === migrationId ? stored : undefined;
    }),
  );
  // A stopped run's successor resumes; otherwise a migration that read everything reads it again.
  const refresh = !context.resumesInterrupted && cursors.every((cursor) => cursor?.complete);
  const counts: Record<string, number> = {};

  for (const [index, type] of CANONICAL_ENTITY_TYPES.entries()) {
    throwIfAborted(signal);
    const previous = refresh ? undefined : cursors[index];
    if (previous?.complete) {
      counts[type] = await store.countSourceEntities(projectKey, type);
      context.logger.info(`extract: ${type} already read by this migration`);
      continue;
    }
    const testCaseKeys =
      type === 'test-execution' && options.limit !== undefined
        ? await limitedTestCaseKeys(store, projectKey, options.limit)
        : undefined;
    // Only a pass that listed the whole stream can tell what is gone from the source.
    const pass = previous === undefined ? context.runId : previous.pass;
    const listsEverything = pass !== undefined && (options.limit === undefined || !LIMITED_STREAMS.has(type));
    let read = 0;
    let unreadItems = false;
    let cursor = previous?.cursor;
    let failuresWithoutProgress = 0;
    let streamFailed = false;
    const failureKey = { projectKey, phase: 'extract' as const, entityType: type };
    for (;;) {
      const progressBefore = read;
      try {
        const pages = source.readStream(type, {
          projectKey,
          ...(cursor === undefined ? {} : { checkpoint: cursor }),
          ...(options.limit !== undefined ? { limit: options.limit } : {}),
          ...(testCaseKeys ? { testCaseKeys } : {}),
          maxWorkers: options.maxWorkers,
          signal,
        });
        for await (const page of pages) {
          const entities = page.entities.map((entity) => ({
            sourceId: canonicalSourceId(type, entity),
            payload: entity,
          }));
          const stored: ExtractCursor = {
            migrationId,
            complete: false,
            cursor: page.checkpoint,
            ...(pass === undefined ? {} : { pass }),
          };
          await store.putSourceEntities(
            projectKey,
            type,
            entities,
            { stream: extractStream(type), cursor: stored as unknown as JsonValue },
            pass,
          );
          // Entities read now have no failure any more; those the source could not read get one.
          if (entities.length > 0) {
            await store.clearFailures(
              failureKey,
              entities.map((entity) => entity.sourceId),
            );
          }
          for (const failed of page.failures ?? []) {
            // Listed but unreadable: still in the source, so this pass cannot tell what is gone.
            unreadItems = true;
            await store.recordFailure({
              ...failureKey,
              sourceId: failed.sourceId,
              runId: context.runId,
              error: failed.error,
            });
            context.logger.warn(`extract: ${type} ${failed.sourceId} not read: ${failed.error}`);
          }
          // The page and its checkpoint are stored: the next run reads on from here.
          context.progressed();
          cursor = page.checkpoint;
          read += entities.length;
          context.events.emit('progress', { phase: 'extract', entityType: type, done: read });
          throwIfAborted(signal);
        }
        break;
      } catch (error) {
        // A list page that breaks the spec would be answered the same way again: the stream is
        // recorded as failed in the source's words, what it read so far is kept, and the other
        // streams go on. The run ends partial; a later run reads the stream again.
        if (error instanceof SourceAnswerInvalid && !signal.aborted) {
          await store.recordFailure({
            ...failureKey,
            sourceId: STREAM_FAILURE_ID,
            runId: context.runId,
            error: errorLine(error),
          });
          context.logger.warn(`extract: ${type} stream stopped: ${errorLine(error)}`);
          streamFailed = true;
          break;
        }
        // A read that failed after the HTTP layer's own retries (a long outage, a burst of
        // 5xx) resumes from the last stored page, as a new run would; refusals end the run.
        if (signal.aborted || classifyWriteFailure(error) !== 'unknown') throw error;
        failuresWithoutProgress = read > progressBefore ? 1 : failuresWithoutProgress + 1;
        if (failuresWithoutProgress > STREAM_RESTARTS) throw error;
        context.logger.warn(
          `extract: ${type} read failed (${errorLine(error)}); resuming from the last stored page`,
        );
      }
    }
    if (streamFailed) {
      await store.appendEvents(context.runId, [
        { kind: 'stream-failed', phase: 'extract', entityType: type, counts: { read } },
      ]);
      counts[type] = await store.countSourceEntities(projectKey, type);
      continue;
    }
    await store.clearFailures(failureKey, [STREAM_FAILURE_ID]);
    const complete: ExtractCursor = { migrationId, complete: true, cursor: null };
    const removed = await store.transaction(async (session) => {
      const marked =
        listsEverything && !unreadItems ? await session.markUnlistedRemoved(projectKey, type, pass) : 0;
      await session.saveCheckpoint(projectKey, {
        stream: extractStream(type),
        cursor: complete as unknown as JsonValue,
      });
      return marked;
    });
    context.progressed();
    if (removed > 0) context.logger.info(`extract: ${removed} ${type} entities are gone from the source`);
    await store.appendEvents(context.runId, [
      { kind: 'stream-extracted', phase: 'extract', entityType: type, counts: { read, removed } },
    ]);
    counts[type] = await store.countSourceEntities(projectKey, type);
  }
  return counts;
}
