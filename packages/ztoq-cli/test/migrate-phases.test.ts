import { DEFAULT_PROJECT_ID } from '@ztoq/simulators';
import { afterEach, describe, expect, it } from 'vitest';
import { cliProcess } from './cli-harness.js';
import { expectedSourceCounts, expectedTargetCounts } from './support/expected-counts.js';
import { type SimulatedMigration, startSimulatedMigration } from './support/simulated-migration.js';
import { readStatus } from './support/status-report.js';

let migration: SimulatedMigration | undefined;
afterEach(async () => {
  await migration?.close();
  migration = undefined;
});

const PHASES = ['extract', 'transform', 'load', 'validate'] as const;
const nothingLoaded = { pending: 0, done: 0, failed: 0 };

describe('ztoq migrate one phase per process', () => {
  it('extract, transform, load and validate in four processes end as a clean run does; status follows', async () => {
    migration = await startSimulatedMigration();
    const { env, cwd, projectKey, simulators } = migration;
    const source = expectedSourceCounts(simulators.dataset);
    const target = expectedTargetCounts(simulators.dataset);
    const zero = (counts: Record<string, number>) =>
      Object.fromEntries(Object.keys(counts).map((key) => [key, 0]));
    const migrationIds = new Set<string | null>();

    for (const [index, phase] of PHASES.entries()) {
      const run = await cliProcess(migration.migrateArgs('--phase', phase), env, cwd);
      expect(run.code, run.stderr).toBe(runStatus(phase) === 'succeeded' ? 0 : 3);
      expect(run.stdout).toMatch(new RegExp(`^ {2}${phase.padEnd(10)} succeeded$`, 'm'));
      expect(run.stderr.split('\n').filter((line) => line === `${phase}: started`)).toHaveLength(1);
      const { report, text } = await readStatus(projectKey, env, cwd);
      migrationIds.add(report.migrationId);
      // Phases up to this one ran, in separate runs, each as its own exit code said; the later
      // ones did not.
      const states = PHASES.map((name, position) => (position > index ? 'not run' : runStatus(name)));
      expect(report.phases.map((state) => state.status)).toEqual(states);
      expect(report.latestRun?.phase).toBe(phase);
      PHASES.forEach((name, position) => {
        expect(text).toContain(`\n${name.padEnd(11)} ${states[position]}\n`);
      });
      expect(report.extracted).toMatchObject(source);
      expect(report.transformed).toEqual(index >= 1 ? target : zero(target));
      expect(report.loaded).toEqual(
        Object.fromEntries(
          Object.entries(target).map(([type, count]) => [
            type,
            index >= 2 ? { ...nothingLoaded, done: count } : nothingLoaded,
          ]),
        ),
      );
      expect(report.failures).toEqual({});
      // Until load, qTest gets at most the custom fields the transform's preflight makes.
      const project = simulators.qtest.store.project(DEFAULT_PROJECT_ID);
      if (index < 2) expect([project?.modules.size, project?.testCases.size]).toEqual([0, 0]);
    }
    // One migration throughout: each phase picked up where the previous process left it.
    expect(migrationIds.size).toBe(1);
    expect(migration.differences()).toEqual([]);
  }, 240_000);
});

/** From the transform on, a run knows older versions are not carried: it ends partial. */
function runStatus(phase: (typeof PHASES)[number]): string {
  return phase === 'extract' ? 'succeeded' : 'partial';
}
