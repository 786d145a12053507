/**
 * What the qTest mapper plans and the qTest transport creates: one shape per target entity
 * type, shared by both halves. `body` fields are qTest's own (snake_case) so the transport sends
 * them as they are, adding only what references resolve to (parent ids, test case ids, step
 * ids). Markers are how `find` recognises an entity an unconfirmed create may have made.
 */

/** Creation order: each type only references types before it (and modules/cycles their own parents). */
export const QTEST_ENTITY_TYPES = [
  'module',
  'test-case',
  'release',
  'test-cycle',
  'test-run',
  'test-log',
] as const;
export type QTestEntityType = (typeof QTEST_ENTITY_TYPES)[number];

export interface QTestProperty {
  field_id: number;
  field_value: string;
}

/**
 * `module`. Source ids: `root` (the module named after the project key) and `folder-<id>`.
 * refs: `parent` (module) unless it sits at qTest's top level.
 * marker: the description line that names its origin, matched among the parent's children.
 */
export interface ModuleBody {
  name: string;
  description: string;
}
export interface ModuleMarker {
  /** A line of the description, e.g. `Zephyr folder: 123` or `Zephyr project: DEMO`. */
  line: string;
}

/**
 * `test-case`. Source id: the sortable key. refs: `parent` (module); without it the case goes
 * to qTest's top level. marker: the `Zephyr Key` value, found with `POST …/search`.
 * Created data: `{ stepIds: number[] }` in step order, for the step logs of test logs.
 */
export interface TestCaseBody {
  name: string;
  description: string;
  precondition: string;
  properties: QTestProperty[];
  test_steps: { description: string; expected: string; order: number }[];
}
export interface TestCaseMarker {
  zephyrKey: string;
}

/** `release` (a Zephyr test plan). Source id: the plan's sortable key. marker: `Zephyr Key` of releases. */
export interface ReleaseBody {
  name: string;
  description: string;
  properties: QTestProperty[];
}
export type ReleaseMarker = TestCaseMarker;

/**
 * `test-cycle`. Source ids: `root`, `ad-hoc`, `folder-<id>` and the cycle's sortable key.
 * refs: `parent` (test-cycle) unless at qTest's top level (parentType root, parentId 0);
 * `release` when the Zephyr cycle is linked to a plan (sent as `target_release_id`).
 * marker: a description line, matched among the parent's child cycles.
 */
export interface TestCycleBody {
  name: string;
  description: string;
}
export type TestCycleMarker = ModuleMarker;

/**
 * `test-run`: one per (cycle, test case, environment). Source id `<cycle source id>/<case
 * sortable key>/<environment id or "none">`. refs: `parent` (test-cycle), `testCase`
 * (test-case). marker: the test case's target id comes from refs; the environment value here.
 */
export interface TestRunBody {
  name: string;
  properties: QTestProperty[];
}
export interface TestRunMarker {
  /** The `Environment` allowed value's id, or null for a run without environment. */
  environmentValue: number | null;
}

/**
 * `test-log`: one per executed execution. Source id `<run source id>/<actualEndDate>/<key>`
 * so a run's logs sort by date; sequenceKey is the run's source id. refs: `run` (test-run),
 * `testCase` (test-case, whose data holds the step ids). marker: a line of the note.
 * `test_step_logs[i]` goes to the test case's i-th step; the transport adds `test_step_id`.
 */
export interface TestLogBody {
  status: { id: number };
  exe_start_date: string;
  exe_end_date: string;
  note: string;
  test_step_logs: { status: { id: number }; actual_result: string; order: number }[];
}
export type TestLogMarker = ModuleMarker;

/** The data a created test case keeps in the id map. */
export interface TestCaseData {
  stepIds: number[];
}
