import {
  buildMigrationReport,
  type MigrationReport,
  type ReportEntityRow,
  type ReporterContext,
  reportEntityPages,
} from '@ztoq/core';
import {
  type MigrationRig,
  startMigrationRig,
} from '../../../ztoq-core/test/engine/support/migration-rig.js';
import { editAfterMigration, type ZephyrEdits } from '../../../ztoq-core/test/engine/support/zephyr-edits.js';
// The generator names one showcase test case this; it is not part of the simulators' API.
import { HOSTILE_NAME } from '../../../ztoq-simulators/src/generator/showcase.js';

export { HOSTILE_NAME };

/** A report built from a store a real engine run filled, and the id map to stream from it. */
export interface ReportScenario {
  name: string;
  report: MigrationReport;
  context(outDir: string): ReporterContext;
  rig: MigrationRig;
}

/** The tiny data set migrated end to end: every entity loaded and validated. */
export async function completeRun(): Promise<ReportScenario> {
  const rig = await startMigrationRig({ size: 'tiny', seed: 11 });
  await rig.migrate();
  return scenario('complete run', rig, rig.simulators.dataset.project.key);
}

/**
 * Extract and transform, then the planned test case named `<script>alert(1)</script>` broken
 * the way a qTest rule would refuse it, then load: one refused case, its runs skipped.
 */
export async function runWithFailures(): Promise<ReportScenario> {
  const rig = await startMigrationRig({ size: 'tiny', seed: 27 });
  const projectKey = rig.simulators.dataset.project.key;
  await rig.migrate({}, 'extract');
  await rig.migrate({}, 'transform');
  let broken = false;
  for await (const page of rig.store.iterateTransformedEntityPages(projectKey, 'test-case')) {
    const row = page.find((entry) => (entry.payload as { label: string }).label.includes(HOSTILE_NAME));
    if (!row) continue;
    const payload = structuredClone(row.payload) as { body: { properties: unknown[] } };
    payload.body.properties.push({ field_id: 987654321, field_value: 'x' });
    await rig.store.putTransformedEntities(projectKey, 'test-case', [
      { sourceId: row.sourceId, payload, sourceHash: row.sourceHash },
    ]);
    broken = true;
    break;
  }
  if (!broken) throw new Error(`no planned test case is named ${HOSTILE_NAME}`);
  await rig.migrate({}, 'load');
  return scenario('run with failures', rig, projectKey);
}

/**
 * The tiny data set migrated, then edited in Zephyr (a case renamed, the case named
 * `<script>alert(1)</script>` deleted with its executions, a case added, a folder renamed) and
 * migrated again: the report of the second migration has updates, unchanged entities and
 * entities removed in source, with a hostile name among them.
 */
export async function rerunWithEdits(): Promise<ReportScenario & { edits: ZephyrEdits }> {
  const rig = await startMigrationRig({ size: 'tiny', seed: 5 });
  const first = await rig.migrate();
  if (first.error) throw new Error(`the first migration failed: ${first.error}`);
  const edits = editAfterMigration(rig.simulators.zephyr.store, { deletedName: HOSTILE_NAME });
  const second = await rig.migrate();
  if (second.error) throw new Error(`the re-run failed: ${second.error}`);
  return { ...(await scenario('re-run with edits', rig, rig.simulators.dataset.project.key)), edits };
}

/** A project nothing has been migrated from, in the store of another scenario. */
export async function emptyProject(rig: MigrationRig): Promise<ReportScenario> {
  return scenario('empty project', rig, 'EMPTY');
}

async function scenario(name: string, rig: MigrationRig, projectKey: string): Promise<ReportScenario> {
  const report = await buildMigrationReport(rig.store, { projectKey });
  return {
    name,
    report,
    rig,
    context: (outDir) => ({
      outDir,
      entities: () => reportEntityPages(rig.store, projectKey, { pageSize: 7 }),
    }),
  };
}

export async function allEntityRows(context: ReporterContext): Promise<ReportEntityRow[]> {
  const rows: ReportEntityRow[] = [];
  for await (const page of context.entities()) rows.push(...page);
  return rows;
}
