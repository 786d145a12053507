import {
  type CanonicalEntityMap,
  type CanonicalEntityType,
  type CanonicalFolder,
  type CanonicalPriority,
  type CanonicalStatus,
  type CanonicalTestCase,
  type CanonicalTestCycle,
  type CanonicalTestExecution,
  type CanonicalTestPlan,
  sortableKey,
} from '@ztoq/core';
import type {
  ShopCase,
  ShopCaseState,
  ShopExport,
  ShopLifecycle,
  ShopPriority,
  ShopRun,
  ShopVerdict,
} from './export-format.js';

/**
 * How ShopQA's records become the canonical entities of each stream, each stream as one list
 * in the order the source hands it out. The source pages through these lists; keeping the
 * conversion apart keeps the paging and checkpoint logic free of ShopQA's field names.
 */
export const SHOP_STREAMS: {
  readonly [T in CanonicalEntityType]: (shop: ShopExport) => CanonicalEntityMap[T][];
} = {
  folder: foldersOf,
  status: () => STATUSES,
  priority: () => PRIORITIES,
  environment: (shop) =>
    shop.environments.map((environment) => ({
      id: environment.id,
      name: environment.name,
      description: environment.description,
      archived: environment.retired,
    })),
  'test-case': testCasesOf,
  'test-plan': testPlansOf,
  'test-cycle': (shop) => shop.runs.map(testCycleOf),
  'test-execution': testExecutionsOf,
};

/**
 * Status ids carry their kind: ShopQA's campaigns and runs share the words `open` and
 * `closed`, but the canonical model keeps a status per kind, and ids must be unique in the stream.
 */
export const caseStatusId = (state: ShopCaseState): string => `case:${state}`;
export const verdictStatusId = (verdict: ShopVerdict): string => `verdict:${verdict}`;
const planStatusId = (state: ShopLifecycle): string => `plan:${state}`;
const cycleStatusId = (state: ShopLifecycle): string => `cycle:${state}`;

/** ShopQA's fixed vocabulary; the defaults are what ShopQA gives a new case, campaign, run or result. */
const STATUSES: CanonicalStatus[] = [
  { id: caseStatusId('draft'), kind: 'test-case', name: 'Draft', archived: false, isDefault: true },
  { id: caseStatusId('ready'), kind: 'test-case', name: 'Ready', archived: false, isDefault: false },
  { id: caseStatusId('retired'), kind: 'test-case', name: 'Retired', archived: false, isDefault: false },
  { id: planStatusId('open'), kind: 'test-plan', name: 'Open', archived: false, isDefault: true },
  { id: planStatusId('closed'), kind: 'test-plan', name: 'Closed', archived: false, isDefault: false },
  { id: cycleStatusId('open'), kind: 'test-cycle', name: 'Open', archived: false, isDefault: true },
  { id: cycleStatusId('closed'), kind: 'test-cycle', name: 'Closed', archived: false, isDefault: false },
  { id: verdictStatusId('pass'), kind: 'test-execution', name: 'Pass', archived: false, isDefault: false },
  { id: verdictStatusId('fail'), kind: 'test-execution', name: 'Fail', archived: false, isDefault: false },
  {
    id: verdictStatusId('blocked'),
    kind: 'test-execution',
    name: 'Blocked',
    archived: false,
    isDefault: false,
  },
  {
    id: verdictStatusId('skipped'),
    kind: 'test-execution',
    name: 'Skipped',
    archived: false,
    isDefault: false,
  },
  {
    id: verdictStatusId('untested'),
    kind: 'test-execution',
    name: 'Untested',
    archived: false,
    isDefault: true,
  },
];

const PRIORITIES: CanonicalPriority[] = (['p1', 'p2', 'p3'] as const satisfies readonly ShopPriority[]).map(
  (id) => ({ id, name: id.toUpperCase(), isDefault: id === 'p2' }),
);

/** Suites hold test cases only: ShopQA files campaigns and runs in flat lists. */
function foldersOf(shop: ShopExport): CanonicalFolder[] {
  const seen = new Map<string | null, number>();
  return shop.suites.map((suite) => {
    // The export lists suites in the order ShopQA shows them, so a suite's place among its
    // siblings is how many of them came before it.
    const index = seen.get(suite.parent) ?? 0;
    seen.set(suite.parent, index + 1);
    return { id: suite.id, parentId: suite.parent, name: suite.name, index, kind: 'test-case' };
  });
}

/**
 * Sorted by key as the port asks (a `limit` rehearsal takes the first cases in key order);
 * `sortableKey` puts `SHOP-9` before `SHOP-10`. ShopQA keeps no history, so every case is
 * version 1 of 1.
 */
function testCasesOf(shop: ShopExport): CanonicalTestCase[] {
  const cases = [...shop.cases].sort((a, b) => compare(sortableKey(a.key), sortableKey(b.key)));
  return cases.map((shopCase) => testCaseOf(shopCase));
}

function testCaseOf(shopCase: ShopCase): CanonicalTestCase {
  return {
    id: shopCase.key,
    key: shopCase.key,
    name: shopCase.title,
    objective: shopCase.purpose,
    precondition: shopCase.preconditions,
    estimatedTimeMs: shopCase.estimateMinutes === undefined ? undefined : shopCase.estimateMinutes * 60_000,
    labels: shopCase.tags,
    priorityId: shopCase.priority,
    statusId: caseStatusId(shopCase.state),
    folderId: shopCase.suite ?? undefined,
    ownerId: shopCase.owner,
    createdOn: shopCase.created,
    customFields: shopCase.risk === undefined ? {} : { Risk: shopCase.risk },
    links: {
      issues: [],
      webLinks: shopCase.references.map((url) => ({ url, kind: 'related' })),
    },
    content:
      shopCase.steps.length === 0
        ? { kind: 'none' }
        : {
            kind: 'steps',
            steps: shopCase.steps.map((step) => ({
              kind: 'inline',
              description: step.action,
              testData: step.data,
              expectedResult: step.expect,
            })),
          },
    version: 1,
    versionCount: 1,
  };
}

function testPlansOf(shop: ShopExport): CanonicalTestPlan[] {
  return shop.campaigns.map((campaign) => ({
    id: campaign.id,
    key: campaign.key,
    name: campaign.title,
    objective: campaign.goal,
    statusId: planStatusId(campaign.state),
    ownerId: campaign.owner,
    labels: campaign.tags,
    customFields: {},
    links: { issues: [], webLinks: [] },
    testCycleIds: shop.runs.filter((run) => run.campaign === campaign.id).map((run) => run.id),
  }));
}

function testCycleOf(run: ShopRun): CanonicalTestCycle {
  return {
    id: run.id,
    key: run.key,
    name: run.title,
    description: run.description,
    statusId: cycleStatusId(run.state),
    plannedStartDate: run.plannedStart,
    plannedEndDate: run.plannedEnd,
    ownerId: run.owner,
    customFields: {},
    links: { issues: [], webLinks: [] },
    testPlanIds: run.campaign === null ? [] : [run.campaign],
  };
}

/**
 * Every result of every run, run by run. A result has a number but no key; the canonical model
 * wants the key people would search for, and ShopQA shows results as `SHOP-E<number>`.
 */
function testExecutionsOf(shop: ShopExport): CanonicalTestExecution[] {
  return shop.runs.flatMap((run) =>
    run.results.map((result) => ({
      id: String(result.id),
      key: `${shop.project.key}-E${result.id}`,
      testCaseKey: result.case,
      testCaseVersion: 1,
      testCycleId: run.id,
      environmentId: run.environment ?? undefined,
      statusId: verdictStatusId(result.verdict),
      actualEndDate: result.finishedAt,
      executionTimeMs: result.durationSeconds === undefined ? undefined : result.durationSeconds * 1000,
      executedById: result.by,
      assignedToId: result.assignee,
      comment: result.note,
      // ShopQA is a manual-testing tool; automated suites report elsewhere.
      automated: false,
      customFields: {},
      issueLinks: result.defects.map((defect) => ({ issueId: defect.id, url: defect.url, kind: 'related' })),
      stepResults: result.steps.map((step) => ({
        statusId: verdictStatusId(step.verdict),
        actualResult: step.actual,
      })),
    })),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
