import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { builtBin, builtCliProcess, ensureBuiltCli } from './support/built-cli.js';
import { type SimulatedMigration, startSimulatedMigration } from './support/simulated-migration.js';

let migration: SimulatedMigration | undefined;
beforeAll(async () => {
  await ensureBuiltCli();
});
afterEach(async () => {
  await migration?.close();
  migration = undefined;
});

describe('ztoq migrate progress', () => {
  it('without a terminal, prints plain progress lines with counts and a line per finished phase', async () => {
    migration = await startSimulatedMigration();
    const result = await builtCliProcess(
      migration.migrateArgs('--progress-interval', '0.2'),
      migration.env,
      migration.cwd,
    );
    expect(result.code, result.stderr).toBe(3);
    // No terminal control sequences in a log.
    expect(result.stderr).not.toContain('\u001b[');
    const testCases = migration.simulators.dataset.testCases.count;
    expect(result.stderr).toMatch(new RegExp(`^progress: extract test-case ${testCases}, [\\d.]+/s$`, 'm'));
    expect(result.stderr).toMatch(
      new RegExp(`^progress: load test-case ${testCases}/${testCases} \\(100%\\)`, 'm'),
    );
    for (const phase of ['extract', 'transform', 'load', 'validate']) {
      expect(result.stderr).toMatch(new RegExp(`^${phase}: finished in \\d+s$`, 'm'));
    }
  }, 180_000);

  it('on a terminal (tmux), draws a bar per phase and type that ends full, then the summary', async (context) => {
    if (spawnSync('tmux', ['-V']).status !== 0) context.skip();
    migration = await startSimulatedMigration();
    const socket = `ztoq-test-${process.pid}`;
    const script = path.join(migration.cwd, 'run.sh');
    const exports = Object.entries(migration.env).map(([name, value]) => `export ${name}='${value}'`);
    await writeFile(
      script,
      [
        ...exports,
        `cd '${migration.cwd}'`,
        `'${process.execPath}' '${builtBin}' ${migration.migrateArgs().join(' ')}`,
        'echo "exit=$?"',
        'sleep 60',
        '',
      ].join('\n'),
    );
    const tmux = (...args: string[]) => spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
    try {
      expect(tmux('new-session', '-d', '-x', '150', '-y', '60', `sh ${script}`).status).toBe(0);
      let screen = '';
      const deadline = Date.now() + 45_000;
      while (!/exit=\d/.test(screen) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        screen = tmux('capture-pane', '-p', '-S', '-').stdout;
      }
      expect(screen).toMatch(/^exit=3$/m);
      const testCases = migration.simulators.dataset.testCases.count;
      for (const phase of ['extract', 'transform', 'load', 'validate']) {
        // Every bar finished: full, with its final count, and "done".
        expect(screen).toMatch(
          new RegExp(`^${phase} +test-case +={24} +${testCases}/${testCases} +[\\d.]+/s done$`, 'm'),
        );
      }
      const lines = screen.split('\n');
      const bars = lines.filter((line) => /^(extract|transform|load|validate) +\S+ +[=-]{24} /.test(line));
      expect(bars.length).toBeGreaterThan(4 * 4);
      expect(bars.filter((line) => !/={24} .* done$/.test(line))).toEqual([]);
      // The summary is printed below the bars, not over them.
      const lastBar = lines.findLastIndex((line) => bars.includes(line));
      expect(lines.findIndex((line) => /^DEMO: partial/.test(line))).toBeGreaterThan(lastBar);
    } finally {
      tmux('kill-server');
    }
  }, 180_000);
});
