import { executionSummaryOf } from '../dataset/materialized-dataset.js';
import type {
  DatasetEnvironment,
  DatasetExecutionSummary,
  DatasetStepResult,
  DatasetTestCycle,
  DatasetTestExecution,
} from '../dataset/zephyr-dataset.js';
import { customFieldValues } from './custom-fields.js';
import type { ExecutionLayout } from './execution-layout.js';
import type { GenerationContext } from './generation-context.js';
import { JIRA_VERSION_IDS, testCaseKey, testExecutionId, testExecutionKey } from './identifiers.js';
import { ItemRandom } from './item-random.js';
import { issueLinks } from './links.js';
import { emoji, randomLanguage, sentence } from './localized-text.js';
import { omitUndefined } from './omit-undefined.js';
import { ENVIRONMENTS, type ExecutionStatusName, statusId } from './project-configuration.js';
import { escapeHtml, richHtml } from './rich-html.js';
import type { Language } from './seeded-faker.js';
import { SHOWCASE_AD_HOC, SHOWCASE_CYCLE_ITEMS, type TestCaseTraits } from './showcase.js';
import { type ExecutedStep, executedSteps } from './test-case-content.js';
import { latestVersion, testCaseTraits } from './test-case-traits.js';
import { CYCLE_LENGTH, cycleStart, isoDateTime, minutes, TESTING_SPAN, TESTING_START } from './timeline.js';

/** Everything an execution is built from besides its index. */
export interface ExecutionSources {
  readonly context: GenerationContext;
  readonly layout: ExecutionLayout;
  readonly cycles: readonly DatasetTestCycle[];
}

const ACTIVE_ENVIRONMENTS = ENVIRONMENTS.filter((environment) => !environment.archived);
const ARCHIVED_ENVIRONMENTS = ENVIRONMENTS.filter((environment) => environment.archived);

/**
 * The start of execution `index`: which case, version, cycle and environment it ran, its status
 * and when it ended, the first draws of its stream. Cheap next to the rest (no texts, step
 * results or custom fields), so summaries are built from it alone; the whole execution goes on
 * drawing from the same stream after it, which keeps both in agreement.
 */
interface ExecutionHead {
  readonly fields: Pick<
    DatasetTestExecution,
    | 'id'
    | 'key'
    | 'testCaseKey'
    | 'testCaseVersion'
    | 'testCycleId'
    | 'environmentId'
    | 'jiraProjectVersionId'
    | 'statusId'
    | 'actualEndDate'
  >;
  /** The execution's stream with the head's draws taken. */
  readonly random: ItemRandom;
  readonly caseIndex: number;
  readonly traits: TestCaseTraits;
  readonly status: ExecutionStatusName;
  readonly executed: boolean;
  /** A showcase execution: every optional field filled in. */
  readonly full: boolean;
  readonly language: Language;
}

function buildExecutionHead(sources: ExecutionSources, index: number): ExecutionHead {
  const { context, layout, cycles } = sources;
  const random = ItemRandom.of(context.seed, 'testExecution', index);
  const caseIndex = layout.caseIndexOf(index);
  const cycleIndex = layout.cycleIndexOf(index);
  const attempt = layout.attemptOf(index);
  const attempts = layout.attemptsOf(index);
  const { position, size } = layout.positionInGroup(index);
  const traits = testCaseTraits(context.seed, caseIndex);

  const showcaseStatus = showcaseStatusOf(cycleIndex, position, caseIndex, attempt);
  const full = showcaseStatus !== undefined;
  const status = showcaseStatus ?? randomStatus(random, cycleIndex !== undefined, attempt, attempts);
  const executed = status !== 'Not Executed';
  // Earlier runs of a cycle item ran earlier versions: the last run ran the latest one.
  const latest = latestVersion(traits);
  const version =
    cycleIndex === undefined && !full ? random.int(1, latest) : Math.max(1, latest - (attempts - attempt));
  const language: Language = random.chance(0.5) ? traits.language : randomLanguage(random);

  const fields = {
    id: testExecutionId(index),
    key: testExecutionKey(context.projectKey, index),
    testCaseKey: testCaseKey(context.projectKey, caseIndex),
    testCaseVersion: version,
    testCycleId: cycleIndex === undefined ? undefined : cycles[cycleIndex]?.id,
    environmentId: full || random.chance(0.85) ? environmentOf(random, full).id : undefined,
    jiraProjectVersionId:
      cycleIndex === undefined
        ? random.chance(0.4)
          ? random.pick(JIRA_VERSION_IDS)
          : undefined
        : cycles[cycleIndex]?.jiraProjectVersionId,
    statusId: statusId('TEST_EXECUTION', status),
    actualEndDate: executed ? isoDateTime(endTime(random, sources, cycleIndex, position, size)) : undefined,
  };
  return { fields, random, caseIndex, traits, status, executed, full, language };
}

/** The summary of execution `index`, from its head only: equal to the fields of the whole execution. */
export function buildTestExecutionSummary(sources: ExecutionSources, index: number): DatasetExecutionSummary {
  return executionSummaryOf(buildExecutionHead(sources, index).fields);
}

/**
 * Execution `index`, built from the layout (which case, cycle and run) and the execution's own
 * stream. Step results follow the steps of the case version it ran, call-to-test steps
 * expanded, one result per step by position.
 */
export function buildTestExecution(sources: ExecutionSources, index: number): DatasetTestExecution {
  const { context } = sources;
  const { fields, random, caseIndex, traits, status, executed, full, language } = buildExecutionHead(
    sources,
    index,
  );
  const failed = status === 'Fail' || status === 'Blocked' || status === 'Retest';

  return omitUndefined({
    ...fields,
    estimatedTime: full || random.chance(0.5) ? minutes(random.int(1, 60)) : undefined,
    executionTime: executed ? random.int(5, 2_700) * 1000 : undefined,
    executedById: executed ? random.pick(context.users).accountId : undefined,
    assignedToId: full || random.chance(0.7) ? random.pick(context.users).accountId : undefined,
    comment:
      executed && (full || random.chance(failed ? 0.7 : 0.25)) ? comment(random, language, full) : undefined,
    automated: random.chance(
      traits.contentKind === 'bdd' ? 0.7 : traits.contentKind === 'plain' ? 0.2 : 0.05,
    ),
    customFields: customFieldValues(
      random,
      'testExecution',
      full ? 'all' : executed ? 'some' : 'none',
      context.users,
    ),
    issueLinks: issueLinks(random, 'testExecution', index, failed && (full || random.chance(0.4)) ? 1 : 0),
    stepResults: stepResults(
      random,
      executedSteps(context, caseIndex, fields.testCaseVersion),
      status,
      language,
    ),
  });
}

function showcaseStatusOf(
  cycleIndex: number | undefined,
  position: number,
  caseIndex: number,
  attempt: number,
): ExecutionStatusName | undefined {
  if (cycleIndex === 0) {
    return SHOWCASE_CYCLE_ITEMS.find((item) => item.caseIndex === caseIndex)?.statuses[attempt - 1];
  }
  return cycleIndex === undefined && position === 0 ? SHOWCASE_AD_HOC.status : undefined;
}

/** Re-runs exist because earlier runs did not pass; a few cycle items have not been run yet. */
function randomStatus(
  random: ItemRandom,
  inCycle: boolean,
  attempt: number,
  attempts: number,
): ExecutionStatusName {
  if (attempt < attempts) {
    return random.weighted<ExecutionStatusName>([
      ['Fail', 50],
      ['Blocked', 20],
      ['Retest', 30],
    ]);
  }
  if (inCycle && attempts === 1 && random.chance(0.06)) return 'Not Executed';
  return random.weighted<ExecutionStatusName>([
    ['Pass', 62],
    ['Fail', 15],
    ['Blocked', 6],
    ['In Progress', 7],
    ['Retest', 10],
  ]);
}

/** Mostly active environments; now and then the archived one, which old executions still name. */
function environmentOf(random: ItemRandom, full: boolean): DatasetEnvironment {
  return random.pick(!full && random.chance(0.05) ? ARCHIVED_ENVIRONMENTS : ACTIVE_ENVIRONMENTS);
}

/**
 * Runs of a cycle spread over its two weeks in index order, ad-hoc runs over the whole testing
 * period, each in its own time slot so later indexes (re-runs) always end later.
 */
function endTime(
  random: ItemRandom,
  sources: ExecutionSources,
  cycleIndex: number | undefined,
  position: number,
  size: number,
): number {
  const start =
    cycleIndex === undefined ? TESTING_START : cycleStart(cycleIndex, sources.context.spec.testCycles);
  const span = cycleIndex === undefined ? TESTING_SPAN : CYCLE_LENGTH;
  const slotSeconds = Math.max(1, Math.floor(span / size / 1000));
  return start + (position * slotSeconds + random.int(0, slotSeconds - 1)) * 1000;
}

function comment(random: ItemRandom, language: Language, full: boolean): string {
  if (full) return `${richHtml(random, language)} ${emoji(random)}`;
  return random.chance(0.3) ? richHtml(random, language) : escapeHtml(sentence(random, language));
}

/**
 * One result per executed step. A passed run passed every step; a run that stopped (failed,
 * blocked, to retest, in progress) passed the steps before the decisive one, which carries the
 * run's status (in progress: not run yet), and did not execute the rest.
 */
function stepResults(
  random: ItemRandom,
  steps: readonly ExecutedStep[],
  status: ExecutionStatusName,
  language: Language,
): DatasetStepResult[] {
  const decisive = steps.length > 0 ? random.int(0, steps.length - 1) : 0;
  return steps.map((step, position) => {
    const stepStatus = stepStatusOf(status, position, decisive);
    const actualResult =
      stepStatus === 'Not Executed' || (stepStatus === 'Pass' && !random.chance(0.25))
        ? undefined
        : escapeHtml(sentence(random, language));
    const result = { ...step, statusId: statusId('TEST_EXECUTION', stepStatus) };
    return actualResult === undefined ? result : { ...result, actualResult };
  });
}

function stepStatusOf(status: ExecutionStatusName, position: number, decisive: number): ExecutionStatusName {
  if (status === 'Pass' || status === 'Not Executed') return status;
  if (position < decisive) return 'Pass';
  if (position > decisive) return 'Not Executed';
  return status === 'In Progress' ? 'Not Executed' : status;
}
