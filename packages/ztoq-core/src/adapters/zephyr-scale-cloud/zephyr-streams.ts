import { ZtoqError } from '../../errors.js';
import type {
  CanonicalEntityMap,
  CanonicalEntityType,
  CanonicalEnvironment,
  CanonicalFolder,
  CanonicalPriority,
  CanonicalStatus,
  CanonicalTestCase,
  CanonicalTestContent,
  CanonicalTestCycle,
  CanonicalTestExecution,
  CanonicalTestPlan,
} from '../../model/canonical.js';
import type { SourcePage, StreamReadRequest } from '../../ports/source.js';
import { readItemsApart } from './read-items-apart.js';
import { resumablePages } from './resumable-pages.js';
import { checkZephyrItem } from './zephyr-answer-checks.js';
import { parseCheckpoint } from './zephyr-checkpoint.js';
import {
  environmentOf,
  folderOf,
  priorityOf,
  scriptContentOf,
  statusOf,
  stepsContentOf,
  testCaseOf,
  testCycleOf,
  testExecutionOf,
  testPlanOf,
  testScriptHintOf,
  versionsOf,
  ZEPHYR_FOLDER_TYPES,
  ZEPHYR_STATUS_TYPES,
  type ZephyrFolderType,
  type ZephyrStatusType,
  type ZephyrTestCase,
  type ZephyrTestCycle,
  type ZephyrTestExecution,
  type ZephyrTestPlan,
} from './zephyr-mapping.js';
import type { ZephyrTransport } from './zephyr-transport.js';

/**
 * How each canonical stream is read from Zephyr Scale Cloud: which paged lists, which per-item
 * requests, and how a page's items become canonical entities. One stream page is one Zephyr
 * page (up to 1000 items) with whatever its items need read alongside, concurrently up to
 * `request.maxWorkers`.
 */

type StreamReader<T extends CanonicalEntityType> = (
  transport: ZephyrTransport,
  request: StreamReadRequest,
) => AsyncGenerator<SourcePage<CanonicalEntityMap[T]>, void, undefined>;

/** The one segment of a stream that reads a single list. */
const WHOLE_LIST = 'all';

const STREAM_READERS: { readonly [T in CanonicalEntityType]: StreamReader<T> } = {
  folder: readFolders,
  status: readStatuses,
  priority: readPriorities,
  environment: readEnvironments,
  'test-case': readTestCases,
  'test-plan': readTestPlans,
  'test-cycle': readTestCycles,
  'test-execution': readTestExecutions,
};

export function readZephyrStream<T extends CanonicalEntityType>(
  transport: ZephyrTransport,
  type: T,
  request: StreamReadRequest,
): AsyncGenerator<SourcePage<CanonicalEntityMap[T]>, void, undefined> {
  checkRequest(request);
  const reader = STREAM_READERS[type] as StreamReader<T> | undefined;
  if (reader === undefined) throw new ZtoqError(`Zephyr Scale Cloud has no stream "${String(type)}"`);
  return reader(transport, request);
}

function checkRequest(request: StreamReadRequest): void {
  if (!Number.isInteger(request.maxWorkers) || request.maxWorkers < 1) {
    throw new RangeError(`maxWorkers must be a whole number of at least 1, got ${request.maxWorkers}`);
  }
  if (request.limit !== undefined && (!Number.isInteger(request.limit) || request.limit < 0)) {
    throw new RangeError(`limit must be a whole number of at least 0, got ${request.limit}`);
  }
}

/** The three folder trees, each a flat list whose folders name their parent (null at the root). */
async function* readFolders(
  transport: ZephyrTransport,
  request: StreamReadRequest,
): AsyncGenerator<SourcePage<CanonicalFolder>, void, undefined> {
  const types = Object.keys(ZEPHYR_FOLDER_TYPES) as ZephyrFolderType[];
  const segments = types.map((folderType) => ({
    name: folderType,
    request: { query: { projectKey: request.projectKey, folderType } },
  }));
  for await (const page of resumablePages(transport, '/folders', segments, options('folder', request))) {
    const kind = ZEPHYR_FOLDER_TYPES[page.segment as ZephyrFolderType];
    const read = await readItemsApart(page.items, request.maxWorkers, async (folder) => {
      checkZephyrItem('Folder', folder, 'GET /folders');
      return folderOf(folder, kind);
    });
    yield { ...read, checkpoint: page.checkpoint };
  }
}

/** One list per status type; a status does not say its type, the list it came from does. */
async function* readStatuses(
  transport: ZephyrTransport,
  request: StreamReadRequest,
): AsyncGenerator<SourcePage<CanonicalStatus>, void, undefined> {
  const types = Object.keys(ZEPHYR_STATUS_TYPES) as ZephyrStatusType[];
  const segments = types.map((statusType) => ({
    name: statusType,
    request: { query: { projectKey: request.projectKey, statusType } },
  }));
  for await (const page of resumablePages(transport, '/statuses', segments, options('status', request))) {
    const kind = ZEPHYR_STATUS_TYPES[page.segment as ZephyrStatusType];
    yield { entities: page.items.map((status) => statusOf(status, kind)), checkpoint: page.checkpoint };
  }
}

async function* readPriorities(
  transport: ZephyrTransport,
  request: StreamReadRequest,
): AsyncGenerator<SourcePage<CanonicalPriority>, void, undefined> {
  const segments = [{ name: WHOLE_LIST, request: { query: { projectKey: request.projectKey } } }];
  for await (const page of resumablePages(transport, '/priorities', segments, options('priority', request))) {
    yield { entities: page.items.map(priorityOf), checkpoint: page.checkpoint };
  }
}

async function* readEnvironments(
  transport: ZephyrTransport,
  request: StreamReadRequest,
): AsyncGenerator<SourcePage<CanonicalEnvironment>, void, undefined> {
  const segments = [{ name: WHOLE_LIST, request: { query: { projectKey: request.projectKey } } }];
  const pages = resumablePages(transport, '/environments', segments, options('environment', request));
  for await (const page of pages) {
    yield { entities: page.items.map(environmentOf), checkpoint: page.checkpoint };
  }
}

/**
 * Test cases in the order Zephyr lists them, each with its content and version count (and its
 * links when the list does not embed them): two or three requests per case besides the list.
 *
 * Under `limit` only the first `limit` cases are read. The stream is one list read in whole
 * pages until the limit cuts the last one (whose checkpoint then says `done`), so a checkpoint's
 * offset is the number of cases already read and the budget left follows from it. (A server
 * that sends a page with fewer values than its `maxResults`, as the spec allows, makes a resumed
 * rehearsal read that many cases fewer; a rehearsal needs a sample, not an exact count.)
 */
async function* readTestCases(
  transport: ZephyrTransport,
  request: StreamReadRequest,
): AsyncGenerator<SourcePage<CanonicalTestCase>, void, undefined> {
  const segments = [{ name: WHOLE_LIST, request: { query: { projectKey: request.projectKey } } }];
  const position = parseCheckpoint(request.checkpoint, [WHOLE_LIST], 'test-case');
  const itemBudget =
    request.limit === undefined
      ? undefined
      : 'done' in position
        ? 0
        : Math.max(0, request.limit - position.startAt);
  const pages = resumablePages(transport, '/testcases', segments, {
    ...options('test-case', request),
    itemBudget,
  });
  for await (const page of pages) {
    const read = await readItemsApart(page.items, request.maxWorkers, (testCase) =>
      readTestCase(transport, testCase, request.signal),
    );
    yield { ...read, checkpoint: page.checkpoint };
  }
}

/**
 * The per-case requests run one after another, so `maxWorkers` bounds the requests in flight.
 *
 * A re-run reads them again for every case: nothing in the spec tells an unchanged case apart.
 * `TestCase` has no modified date and `GET /testcases` no filter by one; steps change through
 * `POST /testcases/{key}/teststeps` (which replaces them) without any field of the case changing; and the
 * version list (`{ id, self }` items) is the only place a new version shows. So a nightly run
 * costs Zephyr what the first one did; what it saves is on the qTest side (no write for what is
 * unchanged, validation by list reads).
 */
async function readTestCase(
  transport: ZephyrTransport,
  testCase: ZephyrTestCase,
  signal: AbortSignal | undefined,
): Promise<CanonicalTestCase> {
  checkZephyrItem('TestCase', testCase, 'GET /testcases');
  const content = await readTestContent(transport, testCase, signal);
  const versions = versionsOf(testCase.key, await transport.testCaseVersions(testCase.key, signal));
  // The list embeds each case's links (spec: TestCase.links); read them apart only when it does not.
  const links =
    testCase.links === undefined ? await transport.testCaseLinks(testCase.key, signal) : undefined;
  return testCaseOf(testCase, { content, versions, links });
}

/**
 * A case holds steps, a plain or BDD script, or nothing, and no field says which: only the
 * `testScript.self` link hints at it (see `testScriptHintOf`). Steps and script exclude each
 * other (posting one removes the other), so:
 * - a link to `…/testscript` reads the script; should there be none (404), the steps;
 * - a link to `…/teststeps` reads the steps; none means the case has no content yet;
 * - no recognisable link reads the steps, and when there are none, the script (404: nothing).
 * One request per case in the usual case, two at most.
 */
async function readTestContent(
  transport: ZephyrTransport,
  testCase: ZephyrTestCase,
  signal: AbortSignal | undefined,
): Promise<CanonicalTestContent> {
  const hint = testScriptHintOf(testCase.testScript?.self);
  if (hint === 'script') {
    const script = await transport.testScript(testCase.key, signal);
    if (script !== undefined) return scriptContentOf(script);
    return stepsContentOf(await transport.testSteps(testCase.key, signal));
  }
  const steps = await transport.testSteps(testCase.key, signal);
  if (steps.length > 0 || hint === 'steps') return stepsContentOf(steps);
  const script = await transport.testScript(testCase.key, signal);
  return script === undefined ? { kind: 'none' } : scriptContentOf(script);
}

/** Plans embed their links, cycle links included; the spec has no GET for plan links. */
async function* readTestPlans(
  transport: ZephyrTransport,
  request: StreamReadRequest,
): AsyncGenerator<SourcePage<CanonicalTestPlan>, void, undefined> {
  const segments = [{ name: WHOLE_LIST, request: { query: { projectKey: request.projectKey } } }];
  for await (const page of resumablePages(transport, '/testplans', segments, options('test-plan', request))) {
    const read = await readItemsApart(page.items, request.maxWorkers, async (plan: ZephyrTestPlan) => {
      checkZephyrItem('TestPlan', plan, 'GET /testplans');
      // Should a list item come without its links, the single plan carries them.
      if (plan.links !== undefined) return testPlanOf(plan);
      const single = await transport.testPlan(plan.id, request.signal);
      checkZephyrItem('TestPlan', single, 'GET /testplans/{testPlanIdOrKey}');
      return testPlanOf(single);
    });
    yield { ...read, checkpoint: page.checkpoint };
  }
}

/** A cycle's plan links are in its `links.testPlans`; read from `…/links` when the list leaves them out. */
async function* readTestCycles(
  transport: ZephyrTransport,
  request: StreamReadRequest,
): AsyncGenerator<SourcePage<CanonicalTestCycle>, void, undefined> {
  const segments = [{ name: WHOLE_LIST, request: { query: { projectKey: request.projectKey } } }];
  for await (const page of resumablePages(
    transport,
    '/testcycles',
    segments,
    options('test-cycle', request),
  )) {
    const read = await readItemsApart(page.items, request.maxWorkers, async (cycle: ZephyrTestCycle) => {
      checkZephyrItem('TestCycle', cycle, 'GET /testcycles');
      const links =
        cycle.links?.testPlans === undefined
          ? await transport.testCycleLinks(cycle.id, request.signal)
          : cycle.links;
      return testCycleOf(cycle, links);
    });
    yield { ...read, checkpoint: page.checkpoint };
  }
}

/**
 * Every execution (not only the last of each cycle item: `onlyLastExecutions=false`), or under
 * a rehearsal those of `request.testCaseKeys`, one list per key. Step results are read only for
 * executions that have run (an `actualEndDate`): a never-run execution becomes no qTest test
 * log, so its step results would never be used, and skipping them saves a request per
 * execution not yet run.
 */
async function* readTestExecutions(
  transport: ZephyrTransport,
  request: StreamReadRequest,
): AsyncGenerator<SourcePage<CanonicalTestExecution>, void, undefined> {
  const { projectKey } = request;
  const segments =
    request.testCaseKeys === undefined
      ? [{ name: WHOLE_LIST, request: { query: { projectKey, onlyLastExecutions: false } } }]
      : [...new Set(request.testCaseKeys)].map((testCase) => ({
          name: testCase,
          request: { query: { projectKey, testCase, onlyLastExecutions: false } },
        }));
  const pages = resumablePages(transport, '/testexecutions', segments, options('test-execution', request));
  for await (const page of pages) {
    const read = await readItemsApart(page.items, request.maxWorkers, (execution) =>
      readTestExecution(transport, execution, request.signal),
    );
    yield { ...read, checkpoint: page.checkpoint };
  }
}

/**
 * A re-run reads the step results of every executed execution again: `actualEndDateAfter` would
 * list only executions run since the last pass, but `PUT /testexecutions/{id}/teststeps` edits
 * step results of older ones without changing any field the list shows, and a listing filtered
 * by date could not tell a deleted execution from an old one.
 */
async function readTestExecution(
  transport: ZephyrTransport,
  execution: ZephyrTestExecution,
  signal: AbortSignal | undefined,
): Promise<CanonicalTestExecution> {
  checkZephyrItem('TestExecution', execution, 'GET /testexecutions');
  const hasRun = execution.actualEndDate !== undefined && execution.actualEndDate !== null;
  const stepResults = hasRun ? await transport.testExecutionSteps(execution.id, signal) : [];
  const issues =
    execution.links === undefined ? await transport.testExecutionIssueLinks(execution.id, signal) : undefined;
  return testExecutionOf(execution, { stepResults, issues });
}

function options(stream: CanonicalEntityType, request: StreamReadRequest) {
  return { stream, checkpoint: request.checkpoint, signal: request.signal };
}
