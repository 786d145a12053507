import type { EntityFailure, StateStoreSession } from '../ports/state-store.js';
import type { LossyNote } from '../ports/target.js';
import { displayKey } from './display-key.js';
import type { ReportEntityRow } from './migration-report.js';
import { targetEntityTypes } from './target-entity-types.js';

/** How the load phase words the failure of an entity it did not attempt (see load-phase.ts). */
export const SKIPPED_PREFIX = 'skipped:';

/** What the transform stored for each planned entity, as far as the report needs it. */
interface PlannedPayload {
  label?: string;
  lossy?: LossyNote[];
}

/**
 * The id map as report rows, one page at a time: every planned entity of every qTest type with
 * its target id and state, read by keyset so that a project of 200,000 entities never sits in
 * memory at once. Only the open failures (already a list in the store's API) are held, to give
 * failed and skipped entities their reason.
 */
export async function* reportEntityPages(
  store: StateStoreSession,
  projectKey: string,
  options: { types?: readonly string[]; pageSize?: number } = {},
): AsyncGenerator<ReportEntityRow[]> {
  const failures = new Map<string, EntityFailure>();
  for (const failure of await store.listFailures(projectKey)) {
    // A load failure says more about an entity that never arrived than a validate one.
    const key = `${failure.entityType}\n${failure.sourceId}`;
    if (!failures.has(key) || failure.phase === 'load') failures.set(key, failure);
  }
  for (const type of options.types ?? (await targetEntityTypes(store, projectKey))) {
    for await (const page of store.iterateTransformedEntityPages(projectKey, type, {
      pageSize: options.pageSize ?? 1000,
    })) {
      const mappings = await store.getMappings(
        projectKey,
        type,
        page.map((entity) => entity.sourceId),
      );
      yield page.map((entity): ReportEntityRow => {
        const payload = (entity.payload ?? {}) as PlannedPayload;
        const mapping = mappings.get(entity.sourceId);
        const failure = failures.get(`${type}\n${entity.sourceId}`);
        const status: ReportEntityRow['status'] =
          mapping?.state === 'done'
            ? 'loaded'
            : mapping?.state === 'pending'
              ? 'pending'
              : failure?.phase === 'load'
                ? failure.lastError.startsWith(SKIPPED_PREFIX)
                  ? 'skipped'
                  : 'failed'
                : mapping?.state === 'failed'
                  ? 'failed'
                  : 'not loaded';
        return {
          type,
          sourceKey: displayKey(entity.sourceId),
          sourceId: entity.sourceId,
          targetId: mapping?.targetId ?? null,
          status,
          label: payload.label ?? '',
          message: failure?.lastError ?? (payload.lossy ?? []).map((note) => note.message).join('; '),
        };
      });
    }
  }
}
