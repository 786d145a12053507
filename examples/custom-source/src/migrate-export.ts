/**
 * SDK example: migrate a ShopQA export into a qTest project with the ztoq engine, using the
 * custom source of this package and ztoq's own qTest target.
 *
 *   QTEST_BASE_URL=https://acme.qtestnet.com QTEST_USERNAME=… QTEST_PASSWORD=… QTEST_PROJECT_ID=12345 \
 *   pnpm --filter @ztoq/example-custom-source start [path/to/export.json]
 *
 * The state store is the embedded one in `.ztoq/db` (or `ZTOQ_DATABASE_URL`), so running the
 * script again resumes an interrupted migration, or creates nothing when all is carried.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createMigration,
  HttpLayer,
  type Logger,
  loadConfig,
  type MappingFile,
  type MigrationResult,
  openStateStore,
  qtest,
  requireConfig,
  type StateStore,
  silentLogger,
  ZtoqError,
} from '@ztoq/core';
import type { ShopExport } from './export-format.js';
import { jsonExportSource } from './json-export-source.js';
import { readShopExport } from './read-export.js';

/**
 * ShopQA's words for qTest's. Names qTest has (Blocked) or that ztoq's default mapping knows
 * (Draft → New, Pass → Passed, Fail → Failed) need no entry; without the others preflight
 * stops and names the keys to set.
 */
export const SHOP_TO_QTEST: MappingFile = {
  testCaseStatus: { Ready: 'Approved', Retired: 'Obsolete' },
  testCasePriority: { P1: 'High', P2: 'Medium', P3: 'Low' },
  // qTest has no "skipped": a skipped case was not executed, which is what Unexecuted says.
  executionStatus: { Skipped: 'Unexecuted', Untested: 'Unexecuted' },
};

/** The default export: the sample in `data/`. */
export const SAMPLE_EXPORT = fileURLToPath(new URL('../data/shop-export.json', import.meta.url));

export interface MigrateExportInput {
  /** Where `QTEST_*` come from. */
  env: NodeJS.ProcessEnv;
  file: string;
  store: StateStore;
  logger?: Logger;
}

/** One full run (extract, transform, load, validate); check `status` and `exitCode` of the result. */
export async function migrateExport(input: MigrateExportInput): Promise<MigrationResult> {
  const logger = input.logger ?? silentLogger;
  const { qtest: connection } = requireConfig(loadConfig({ env: input.env }), ['qtest']);
  // Read here too, for the project key and the people: the source reads it again on its own,
  // as any source reads its input, and the file is small enough for that not to matter.
  const shop = await readShopExport(input.file);
  // One layer for the run, so the result's request counts cover the target (the source makes none).
  const http = new HttpLayer({ logger });
  return createMigration({
    source: jsonExportSource({ file: input.file }),
    target: qtest({ ...connection, http, logger }),
    store: input.store,
    options: {
      projectKey: shop.project.key,
      mapping: { ...SHOP_TO_QTEST, users: usersOf(shop) },
      http,
      logger,
    },
  }).run({ phase: 'all' });
}

/**
 * Canonical entities name people by the source's user id (here the ShopQA login), and the
 * `Source` port has no way to say who that is. ShopQA knows everyone's e-mail, so the script
 * tells the target through the mapping file's `users`, which qTest matches by e-mail.
 */
export function usersOf(shop: ShopExport): Record<string, string> {
  return Object.fromEntries(shop.people.map((person) => [person.login, person.email]));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const logger: Logger = {
    debug() {},
    info: (message) => console.error(message),
    warn: (message) => console.error(`warning: ${message}`),
    error: (message) => console.error(`error: ${message}`),
  };
  try {
    const store = await openStateStore({ url: loadConfig({ env: process.env }).databaseUrl, logger });
    try {
      const result = await migrateExport({
        env: process.env,
        file: process.argv[2] ?? SAMPLE_EXPORT,
        store,
        logger,
      });
      for (const [type, counts] of Object.entries(result.load)) {
        console.log(
          `${type}: ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.failed} failed`,
        );
      }
      console.log(`${result.status}${result.error ? `: ${result.error}` : ''}`);
      process.exitCode = result.exitCode;
    } finally {
      await store.close();
    }
  } catch (error) {
    console.error(`migrate-export: ${error instanceof ZtoqError ? error.message : String(error)}`);
    process.exitCode = error instanceof ZtoqError ? error.exitCode : 1;
  }
}
