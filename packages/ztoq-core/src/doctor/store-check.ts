import { existsSync } from 'node:fs';
import type { Logger } from '../ports/logger.js';
import { parseDatabaseUrl } from '../store/database-url.js';
import type { KyselyStateStore } from '../store/kysely-state-store.js';
import { openStateStore } from '../store/open-store.js';
import { describeFailure } from '../store/store-error.js';
import type { DoctorCheck } from './doctor-check.js';

const TITLE = 'state store reachable, schema current';

/**
 * Opens the store without migrating it, so the doctor changes nothing: a schema that is behind
 * is reported with the command that brings it up to date. An embedded store that does not
 * exist yet is reported rather than created. The open store is returned (the caller closes it)
 * for the checks that read what was extracted.
 */
export async function storeCheck(input: {
  databaseUrl: string | undefined;
  cwd?: string;
  logger: Logger;
}): Promise<{ check: DoctorCheck; store?: KyselyStateStore }> {
  const failed = (detail: string) => ({
    check: { id: 'store', title: TITLE, status: 'failed' as const, detail },
  });
  let store: KyselyStateStore;
  try {
    const target = parseDatabaseUrl(input.databaseUrl, input.cwd ? { cwd: input.cwd } : {});
    if (target.kind === 'pglite-directory' && !existsSync(target.directory)) {
      return failed(`no store at ${target.directory} yet: run \`ztoq db migrate\` to create it`);
    }
    store = await openStateStore({
      ...(input.databaseUrl ? { url: input.databaseUrl } : {}),
      migrate: false,
      logger: input.logger,
      ...(input.cwd ? { cwd: input.cwd } : {}),
    });
  } catch (error) {
    return failed(error instanceof Error ? error.message : describeFailure(error));
  }
  const { pending } = await store.migrationStatus();
  if (pending.length > 0) {
    await store.close();
    return failed(
      `${store.location}: ${pending.length} schema migration(s) pending: run \`ztoq db migrate\``,
    );
  }
  return { check: { id: 'store', title: TITLE, status: 'ok', detail: store.location }, store };
}
