import { SourceEntityMissing } from '../../../errors.js';
import {
  type CanonicalTestCase,
  type CanonicalTestExecution,
  sortableKey,
} from '../../../model/canonical.js';
import type { MappingLookups, PlannedEntity } from '../../../ports/target.js';
import type { TestLogBody, TestLogMarker, TestRunBody, TestRunMarker } from '../qtest-entities.js';
import { AD_HOC_CYCLE_NAME, plannedAdHocCycle } from './containers.js';
import { customFieldLines } from './field-text.js';
import { findByName } from './find-by-name.js';
import { countAttachmentReferences } from './html.js';
import { asJson } from './json-body.js';
import { issueLines } from './links-text.js';
import { LossyNotes } from './lossy-notes.js';
import type { MapperSetup } from './mapper-setup.js';
import { PropertyList } from './property-list.js';
import { AD_HOC_SOURCE_ID, logSourceId, runSourceId } from './source-ids.js';
import { userText } from './user-text.js';

/** How many steps the qTest case of a key has, once calls are expanded; shared across executions. */
export type StepCounter = (testCase: CanonicalTestCase, lookups: MappingLookups) => Promise<number>;

/**
 * A Zephyr execution as the qTest test run of its (cycle, test case, environment) and, once it
 * was run, a test log on that run. Executions of the same triple plan the same run, so the run
 * depends on nothing else of the execution: everything execution-specific is in the log.
 */
export async function mapTestExecution(
  execution: CanonicalTestExecution,
  lookups: MappingLookups,
  setup: MapperSetup,
  countSteps: StepCounter,
): Promise<PlannedEntity[]> {
  const { context } = setup;
  const testCase = await lookups.testCase(execution.testCaseKey);
  if (testCase === undefined) {
    throw new SourceEntityMissing(
      `execution ${execution.key} names test case ${execution.testCaseKey}, which the source lacks`,
    );
  }
  let cycleSourceId = AD_HOC_SOURCE_ID;
  let cycleName = AD_HOC_CYCLE_NAME;
  if (execution.testCycleId !== undefined) {
    const cycle = lookups.testCycle(execution.testCycleId);
    if (cycle === undefined) {
      throw new SourceEntityMissing(
        `execution ${execution.key} names test cycle ${execution.testCycleId}, which the source lacks`,
      );
    }
    cycleSourceId = sortableKey(cycle.key);
    cycleName = cycle.key;
  }
  const environment =
    execution.environmentId === undefined ? undefined : lookups.environment(execution.environmentId);
  const environmentName = environment?.name ?? execution.environmentId;
  const runId = runSourceId(cycleSourceId, testCase.key, execution.environmentId);

  const runLossy = new LossyNotes();
  const runProperties = new PropertyList(context, runLossy);
  let environmentValue: number | null = null;
  if (environmentName !== undefined) {
    runProperties.setValue(context.environmentField, environmentName, `environment "${environmentName}"`);
    const allowed = context.environmentField?.allowedValues ?? [];
    environmentValue = findByName(allowed, environmentName, (candidate) => candidate.label)?.value ?? null;
  }
  runProperties.fillDefaults(context.fieldDefaults['test-runs']);
  const runBody: TestRunBody = { name: testCase.name, properties: runProperties.list() };
  const runMarker: TestRunMarker = { environmentValue };
  const run: PlannedEntity = {
    type: 'test-run',
    sourceId: runId,
    shared: true,
    refs: {
      parent: { type: 'test-cycle', sourceId: cycleSourceId },
      testCase: { type: 'test-case', sourceId: sortableKey(testCase.key) },
    },
    body: asJson(runBody),
    marker: asJson(runMarker),
    lossy: runLossy.list(),
    label: `${testCase.key} ${testCase.name} in ${cycleName}${environmentName === undefined ? '' : ` (${environmentName})`}`,
  };
  // The ad-hoc cycle exists only when some execution needs it.
  const containers = execution.testCycleId === undefined ? [plannedAdHocCycle(setup)] : [];
  if (execution.actualEndDate === undefined) return [...containers, run];

  const lossy = new LossyNotes();
  const statusId = executionStatusId(execution.statusId, execution, lookups, setup);
  const line = `Zephyr execution: ${execution.key}`;
  const note = [line];
  if (execution.comment !== undefined && execution.comment !== '') note.push(execution.comment);
  if (environmentName !== undefined) note.push(`Environment: ${environmentName}`);
  if (execution.executedById !== undefined) {
    note.push(`Executed by: ${userText(execution.executedById, 'executor', context, lossy)}`);
  }
  if (execution.assignedToId !== undefined) {
    note.push(`Assigned to: ${userText(execution.assignedToId, 'assignee', context, lossy)}`);
  }
  if (execution.testCaseVersion !== testCase.version) {
    note.push(
      `Test case version executed: ${execution.testCaseVersion} (qTest holds version ${testCase.version})`,
    );
  }
  note.push(...customFieldLines(execution.customFields, context), ...issueLines(execution.issueLinks));

  // Results beyond the qTest case's steps (an older, longer version ran) have no step to go to.
  const stepCount = await countSteps(testCase, lookups);
  const results = execution.stepResults.slice(0, stepCount);
  const dropped = execution.stepResults.length - results.length;
  if (dropped > 0) {
    lossy.add(
      'not-supported',
      `${dropped} step result(s) not carried: the test case now has ${stepCount} step(s)`,
      dropped,
    );
  }
  const references = countAttachmentReferences([
    execution.comment ?? '',
    ...results.map((result) => result.actualResult ?? ''),
  ]);
  if (references > 0) {
    lossy.add(
      'attachment-reference',
      `${references} image or file reference(s) in the comment or results point to the source`,
      references,
    );
  }

  const endDate = execution.actualEndDate;
  const body: TestLogBody = {
    status: { id: statusId },
    exe_start_date: startDate(endDate, execution.executionTimeMs),
    exe_end_date: endDate,
    note: note.join('\n'),
    test_step_logs: results.map((result, index) => ({
      status: { id: executionStatusId(result.statusId, execution, lookups, setup) },
      actual_result: result.actualResult ?? '',
      order: index + 1,
    })),
  };
  const marker: TestLogMarker = { line };
  const log: PlannedEntity = {
    type: 'test-log',
    sourceId: logSourceId(runId, endDate, execution.key),
    sequenceKey: runId,
    refs: {
      run: { type: 'test-run', sourceId: runId },
      testCase: { type: 'test-case', sourceId: sortableKey(testCase.key) },
    },
    body: asJson(body),
    marker: asJson(marker),
    lossy: lossy.list(),
    label: `${execution.key} ${lookups.status(execution.statusId)?.name ?? execution.statusId}: ${testCase.key} ${testCase.name}`,
  };
  return [...containers, run, log];
}

/**
 * The qTest status id of a Zephyr execution or step status. Preflight decided one for every
 * status the census saw, so a miss means the census and the data disagree: mapping it to any
 * status would report a wrong result, so it stops instead.
 */
function executionStatusId(
  statusId: string,
  execution: CanonicalTestExecution,
  lookups: MappingLookups,
  setup: MapperSetup,
): number {
  const name = lookups.status(statusId)?.name ?? statusId;
  const decisions = setup.context.executionStatus;
  if (Object.hasOwn(decisions, name)) return decisions[name] as number;
  throw new Error(
    `execution ${execution.key} has status "${name}", for which preflight decided no qTest status; run preflight again`,
  );
}

/** The start is the end less the time spent; without that time it is the end itself. */
function startDate(endDate: string, executionTimeMs: number | undefined): string {
  const end = Date.parse(endDate);
  if (executionTimeMs === undefined || Number.isNaN(end)) return endDate;
  return new Date(end - executionTimeMs).toISOString();
}
