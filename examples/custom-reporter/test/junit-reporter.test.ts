import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MigrationReport, ReportEntityRow } from '@ztoq/core';
import { describe, expect, it } from 'vitest';
import junitReporter from '../src/junit-reporter.js';

const row = (
  type: string,
  key: string,
  status: ReportEntityRow['status'],
  label: string,
): ReportEntityRow => ({
  type,
  sourceKey: key,
  sourceId: key,
  targetId: status === 'loaded' ? '77' : null,
  status,
  label,
  message: status === 'failed' ? 'HTTP 400 "bad" <field>' : '',
});

describe('JUnit reporter example', () => {
  it('writes one suite per type, failures and skips as JUnit marks them, names escaped', async () => {
    const outDir = await mkdtemp(path.join(tmpdir(), 'ztoq-junit-'));
    const report = {
      projectKey: 'DEMO',
      entities: [
        { type: 'module', transformed: 1, loaded: 1, failed: 0, skipped: 0, pending: 0 },
        { type: 'test-case', transformed: 3, loaded: 1, failed: 1, skipped: 1, pending: 0 },
      ],
    } as unknown as MigrationReport;
    const [file] = await junitReporter.render(report, {
      outDir,
      async *entities() {
        yield [row('module', 'root', 'loaded', 'module DEMO')];
        yield [
          row('test-case', 'DEMO-T1', 'loaded', 'DEMO-T1 <script>alert(1)</script>'),
          row('test-case', 'DEMO-T2', 'failed', 'DEMO-T2 A & B'),
          row('test-case', 'DEMO-T3', 'skipped', 'DEMO-T3 later'),
        ];
      },
    });
    const xml = await readFile(file!, 'utf8');
    expect(xml).toContain('<testsuite name="module" tests="1" failures="0" skipped="0">');
    expect(xml).toContain('<testsuite name="test-case" tests="3" failures="1" skipped="1">');
    expect(xml).toContain('name="DEMO-T1 &lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(xml).toContain('<failure message="HTTP 400 &quot;bad&quot; &lt;field&gt;"/>');
    expect(xml).not.toContain('<script>');
    expect(xml.match(/<\/testsuite>/g)).toHaveLength(2);
  });
});
