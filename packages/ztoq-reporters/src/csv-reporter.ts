import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { defineReporter } from './define-reporter.js';

const ENTITY_COLUMNS = ['type', 'source_key', 'source_id', 'target_id', 'status', 'label', 'message'];
const FAILURE_COLUMNS = [
  'phase',
  'entity_type',
  'source_key',
  'source_id',
  'label',
  'attempts',
  'last_failed_at',
  'error',
];
const VALIDATION_COLUMNS = ['entity_type', 'expected', 'found', 'missing', 'mismatched', 'not_loaded'];
const TYPE_COLUMNS = [
  'entity_type',
  'planned',
  'loaded',
  'created',
  'updated',
  'unchanged',
  'removed_in_source',
  'already_present',
  'failed',
  'skipped',
  'pending',
];
const REMOVED_COLUMNS = ['entity_type', 'source_key', 'source_id', 'target_id', 'label', 'removed_at'];

/**
 * `entities.csv` (the full id map, streamed from the store page by page), `types.csv` (the
 * counts per type: created, updated, unchanged, removed in source, …), `failures.csv`,
 * `validation.csv` and `removed-in-source.csv` (what is gone from Zephyr and kept in qTest). Papa Parse quotes whatever needs it, so names with commas, quotes, line
 * breaks and any Unicode read back unchanged; a UTF-8 byte order mark lets Excel see the encoding.
 */
export const csvReporter = defineReporter({
  name: 'csv',
  async render(report, { outDir, entities }) {
    const entitiesFile = path.join(outDir, 'entities.csv');
    await writeCsv(entitiesFile, ENTITY_COLUMNS, async function* () {
      for await (const page of entities()) {
        yield page.map((row) => [
          row.type,
          row.sourceKey,
          row.sourceId,
          row.targetId ?? '',
          row.status,
          row.label,
          row.message,
        ]);
      }
    });

    const typesFile = path.join(outDir, 'types.csv');
    await writeCsv(typesFile, TYPE_COLUMNS, async function* () {
      yield report.entities.map((row) =>
        [
          row.type,
          row.transformed,
          row.loaded,
          row.created,
          row.updated,
          row.unchanged,
          row.removedInSource,
          row.alreadyPresent,
          row.failed,
          row.skipped,
          row.pending,
        ].map(String),
      );
    });

    const failuresFile = path.join(outDir, 'failures.csv');
    await writeCsv(failuresFile, FAILURE_COLUMNS, async function* () {
      yield report.failures.items.map((failure) => [
        failure.phase,
        failure.entityType,
        failure.sourceKey,
        failure.sourceId,
        failure.label,
        String(failure.attempts),
        failure.lastFailedAt,
        failure.error,
      ]);
    });

    const validationFile = path.join(outDir, 'validation.csv');
    await writeCsv(validationFile, VALIDATION_COLUMNS, async function* () {
      yield report.validation.types.map((counts) =>
        [counts.type, counts.expected, counts.found, counts.missing, counts.mismatched, counts.notLoaded].map(
          String,
        ),
      );
    });

    const removedFile = path.join(outDir, 'removed-in-source.csv');
    await writeCsv(removedFile, REMOVED_COLUMNS, async function* () {
      yield report.removedInSource.map((entity) => [
        entity.type,
        entity.sourceKey,
        entity.sourceId,
        entity.targetId ?? '',
        entity.label,
        entity.removedAt,
      ]);
    });
    return [entitiesFile, typesFile, failuresFile, validationFile, removedFile];
  },
});

async function writeCsv(
  file: string,
  columns: readonly string[],
  rows: () => AsyncIterable<string[][]>,
): Promise<void> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  try {
    await write(out, `\uFEFF${Papa.unparse([columns], { newline: '\r\n' })}\r\n`);
    for await (const page of rows()) {
      if (page.length === 0) continue;
      await write(out, `${Papa.unparse(page, { newline: '\r\n' })}\r\n`);
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
}

/** Waits for the stream to drain when its buffer is full, so a big id map never piles up in memory. */
async function write(out: WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}
