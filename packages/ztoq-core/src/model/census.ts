import type { CanonicalEntityType } from './canonical.js';

/**
 * What a preflight must know about the source before anything is written: every value that
 * has to be mapped onto something the target already has or must create. The engine gathers
 * it from the stored entities, page by page, so it is the same for a run that extracted
 * yesterday and one that extracted a minute ago.
 */
export interface SourceCensus {
  projectKey: string;
  counts: Partial<Record<CanonicalEntityType, number>>;
  /** Names actually used by test cases / executions (not every status the project defines). */
  testCaseStatuses: string[];
  testCasePriorities: string[];
  executionStatuses: string[];
  /** Names of environments used by executions. */
  environments: string[];
  /** Source user ids that appear anywhere (owners, executors, assignees, user fields). */
  users: string[];
  /** Custom fields of test cases, by name, with the kinds of values seen. */
  testCaseFields: CensusField[];
  /** Whether any test case has labels, a component, an owner or an estimated time. */
  testCaseAttributes: { labels: string[]; components: string[]; owners: boolean; estimatedTime: boolean };
}

export type CensusValueKind = 'text' | 'multiline' | 'number' | 'boolean' | 'date' | 'list';

export interface CensusField {
  name: string;
  /** Every kind of non-null value seen; a field with mixed kinds is carried as text. */
  kinds: CensusValueKind[];
  /** Distinct values of list and short text fields (at most 100), for allowed values. */
  values: string[];
  /** More distinct values than `values` holds: the field is free text, not a pick list. */
  manyValues: boolean;
}
