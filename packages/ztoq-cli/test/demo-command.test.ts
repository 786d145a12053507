import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MigrationResult } from '@ztoq/core';
import { describe, expect, it } from 'vitest';
import { cliProcess } from './cli-harness.js';

describe('ztoq demo', () => {
  it('migrates a generated project offline, validates it and writes the result', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'ztoq-demo-'));
    // No credentials and no database settings: the demo needs none.
    const env = { PATH: process.env.PATH ?? '' };
    const run = await cliProcess(['demo', '--size', 'tiny', '--out', 'out'], env, cwd);
    expect(run.stderr).toContain('validate: finished');
    // Older versions are never carried: the demo says so with exit code 3.
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('DEMO: partial (exit code 3)');
    expect(run.stdout).toContain(`result: ${path.join(cwd, 'out', 'result.json')}`);
    const result = JSON.parse(
      await readFile(path.join(cwd, 'out', 'result.json'), 'utf8'),
    ) as MigrationResult;
    expect(result.status).toBe('partial');
    expect(result.lossy['older-versions']?.total).toBeGreaterThan(0);
    for (const counts of Object.values(result.validation)) {
      expect(counts).toMatchObject({ missing: 0, mismatched: 0, notLoaded: 0 });
      expect(counts.found).toBe(counts.expected);
    }
    expect(result.load['test-case']?.created).toBe(10);
  }, 120_000);
});
