/**
 * What a Zephyr name usually means in a new qTest project, for names qTest does not have
 * itself. Keys are lower case; they are tried after the exact and case-insensitive matches and
 * after the mapping file, so any of these is overridden by naming the value in the project.
 */
export const DEFAULT_PRIORITIES: Readonly<Record<string, string>> = {
  normal: 'Medium',
  critical: 'Urgent',
  blocker: 'Urgent',
  highest: 'Urgent',
  major: 'High',
  minor: 'Low',
  trivial: 'Low',
  lowest: 'Low',
};

export const DEFAULT_TEST_CASE_STATUSES: Readonly<Record<string, string>> = {
  draft: 'New',
  deprecated: 'Obsolete',
};

export const DEFAULT_EXECUTION_STATUSES: Readonly<Record<string, string>> = {
  pass: 'Passed',
  fail: 'Failed',
  blocked: 'Blocked',
  'in progress': 'Incomplete',
  'not executed': 'Unexecuted',
};
