/**
 * The JSON export of ShopQA, the home-grown test tool this example migrates from (a stand-in
 * for whatever your team built). One file holds one project: its suites (folders of test
 * cases), its test cases with their steps, its campaigns (what qTest calls a release and the
 * canonical model a test plan) and its runs (test cycles) with one result per executed case.
 *
 * ShopQA's vocabulary is fixed in the tool, not configurable per project, which is why states,
 * verdicts and priorities are unions here rather than lists in the file.
 */
export interface ShopExport {
  /** Bumped by ShopQA whenever the layout changes; the source reads version 1 only. */
  formatVersion: 1;
  /** When the export was taken; a resumed read refuses a different export (see the checkpoint). */
  exportedAt: string;
  project: ShopProject;
  /** Everyone a case or result names, by login. */
  people: ShopPerson[];
  environments: ShopEnvironment[];
  suites: ShopSuite[];
  cases: ShopCase[];
  campaigns: ShopCampaign[];
  runs: ShopRun[];
}

export interface ShopProject {
  /** The key people use, also the prefix of case keys (`SHOP-12`). */
  key: string;
  /** ShopQA's database id of the project. */
  id: number;
  name: string;
}

export interface ShopPerson {
  login: string;
  name: string;
  email: string;
}

export interface ShopEnvironment {
  id: string;
  name: string;
  description?: string;
  /** Retired environments stay in the export because old results still name them. */
  retired: boolean;
}

export interface ShopSuite {
  id: string;
  /** `null` for a top-level suite. */
  parent: string | null;
  name: string;
}

export type ShopCaseState = 'draft' | 'ready' | 'retired';
export type ShopPriority = 'p1' | 'p2' | 'p3';
/** The verdict of a result or of one step of it; `untested` is a result nobody has run yet. */
export type ShopVerdict = 'pass' | 'fail' | 'blocked' | 'skipped' | 'untested';
/** Campaigns and runs share one small lifecycle. */
export type ShopLifecycle = 'open' | 'closed';

export interface ShopStep {
  action: string;
  data?: string;
  expect: string;
}

export interface ShopCase {
  key: string;
  title: string;
  suite: string | null;
  state: ShopCaseState;
  priority: ShopPriority;
  /** Why the case exists; plain text. */
  purpose?: string;
  preconditions?: string;
  tags: string[];
  /** A login from `people`. */
  owner?: string;
  estimateMinutes?: number;
  /** ShopQA's one extra field: how bad a failure of this case would be for the business. */
  risk?: 'low' | 'medium' | 'high';
  /** Pages that describe the feature under test. */
  references: string[];
  /** Empty for a case nobody has written steps for yet. */
  steps: ShopStep[];
  created: string;
}

export interface ShopCampaign {
  id: string;
  key: string;
  title: string;
  goal?: string;
  state: ShopLifecycle;
  owner?: string;
  tags: string[];
}

export interface ShopStepResult {
  verdict: ShopVerdict;
  actual?: string;
}

export interface ShopDefect {
  /** The id in the shop's bug tracker. */
  id: string;
  url: string;
}

export interface ShopResult {
  /** Unique across the project. */
  id: number;
  case: string;
  verdict: ShopVerdict;
  /** When the tester finished; absent while the result is `untested`. */
  finishedAt?: string;
  durationSeconds?: number;
  /** Logins from `people`. */
  by?: string;
  assignee?: string;
  note?: string;
  defects: ShopDefect[];
  /** One per step of the case, in step order. */
  steps: ShopStepResult[];
}

export interface ShopRun {
  id: string;
  key: string;
  title: string;
  description?: string;
  /** The campaign the run belongs to, if any. */
  campaign: string | null;
  state: ShopLifecycle;
  environment: string | null;
  owner?: string;
  plannedStart?: string;
  plannedEnd?: string;
  results: ShopResult[];
}
