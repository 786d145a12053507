import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MigrationReport, ReportEntityRow } from '@ztoq/core';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvReporter } from '../src/index.js';

const AWKWARD = [
  'plain',
  'comma, inside',
  'a "quoted" word',
  'two\nlines',
  'crlf\r\nline',
  '  leading and trailing  ',
  'Prüfung – 試験 – 🚀',
  '=1+1',
  '',
];

describe('csv reporter', () => {
  it('round-trips commas, quotes, line breaks and Unicode, streaming pages of the id map', async () => {
    const rows: ReportEntityRow[] = AWKWARD.map((text, index) => ({
      type: 'test-case',
      sourceKey: `K-${index}`,
      sourceId: `K-${String(index).padStart(12, '0')}`,
      targetId: index % 2 === 0 ? String(1000 + index) : null,
      status: index % 2 === 0 ? 'loaded' : 'failed',
      label: text,
      message: `${text}|${text}`,
    }));
    const outDir = await mkdtemp(path.join(tmpdir(), 'ztoq-csv-'));
    const report = {
      failures: { items: [] },
      validation: { types: [] },
      entities: [],
      removedInSource: [],
    } as unknown as MigrationReport;
    await csvReporter.render(report, {
      outDir,
      async *entities() {
        // Pages of three, as the store would hand them out.
        for (let start = 0; start < rows.length; start += 3) yield rows.slice(start, start + 3);
      },
    });
    const text = await readFile(path.join(outDir, 'entities.csv'), 'utf8');
    const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
    expect(parsed.errors).toEqual([]);
    const [header, ...data] = parsed.data;
    expect(header).toEqual(['type', 'source_key', 'source_id', 'target_id', 'status', 'label', 'message']);
    expect(data.map((row) => [row[5], row[6], row[3]])).toEqual(
      rows.map((row) => [row.label, row.message, row.targetId ?? '']),
    );
  });
});
