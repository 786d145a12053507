import { type KyselyStateStore, loadConfig, openStateStore } from '@ztoq/core';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';

/** `ztoq db migrate|status`: the state store's schema. The store comes from ZTOQ_DATABASE_URL only, as it may hold a password. */
export function registerDbCommands(program: Command, io: CliIo): void {
  const db = program
    .command('db')
    .description('Manage the state store schema (ZTOQ_DATABASE_URL, default .ztoq/db).');

  db.command('migrate')
    .description('Create the state store schema or bring it up to date.')
    .addHelpText(
      'after',
      '\nExample:\n  ZTOQ_DATABASE_URL=postgres://postgres@127.0.0.1:5432/ztoq ztoq db migrate',
    )
    .action(async () => {
      await withStore(io, async (store) => {
        const applied = await store.migrateToLatest();
        io.stdout(
          applied.length === 0
            ? `state store (${store.location}): schema is up to date\n`
            : `state store (${store.location}): applied ${applied.join(', ')}\n`,
        );
      });
    });

  db.command('status')
    .description('List applied and pending state store migrations.')
    .option('--json', 'print the status as JSON on stdout')
    .addHelpText('after', '\nExample:\n  ztoq db status --json')
    .action(async (options: { json?: boolean }) => {
      await withStore(io, async (store) => {
        const status = await store.migrationStatus();
        if (options.json) {
          io.stdout(`${JSON.stringify({ location: store.location, ...status })}\n`);
          return;
        }
        const lines = [`state store (${store.location})`];
        for (const migration of status.applied)
          lines.push(`  applied  ${migration.name}  ${migration.appliedAt.toISOString()}`);
        for (const name of status.pending) lines.push(`  pending  ${name}`);
        lines.push(
          status.pending.length === 0
            ? 'schema is up to date'
            : `${status.pending.length} migration(s) pending: run \`ztoq db migrate\``,
        );
        io.stdout(`${lines.join('\n')}\n`);
      });
    });
}

async function withStore(io: CliIo, work: (store: KyselyStateStore) => Promise<void>): Promise<void> {
  const { databaseUrl } = loadConfig({ env: io.env });
  // Opened without migrating: `status` must show what is pending, and `migrate` says what it applied.
  const store = await openStateStore({ url: databaseUrl, migrate: false, cwd: io.cwd });
  try {
    await work(store);
  } finally {
    await store.close();
  }
}
