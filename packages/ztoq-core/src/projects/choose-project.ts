import type { ProjectEntry } from '../config/projects-file.js';
import type { QueueState } from './projects-queue.js';

export type ProjectSource = 'input' | 'dispatch' | 'projects-file' | 'default';

export interface ProjectChoice {
  projectKey: string;
  /** From a `KEY = <id>` line of the projects file; absent means the configured qTest project. */
  qtestProjectId?: number;
  from: ProjectSource;
}

/**
 * Which project a scheduled or triggered run migrates: the one named explicitly, else the one
 * a `repository_dispatch` names, else the queue's next (a project in progress before a pending
 * one, file order otherwise; failed and done ones are skipped), else the configured default.
 * A project named explicitly still takes its qTest project from its projects-file line.
 */
export function chooseProject(input: {
  explicit?: string;
  dispatched?: string;
  entries: readonly ProjectEntry[];
  states: ReadonlyMap<string, QueueState>;
  defaultKey?: string;
}): ProjectChoice | undefined {
  const withTarget = (projectKey: string, from: ProjectSource): ProjectChoice => {
    const entry = input.entries.find((candidate) => candidate.projectKey === projectKey);
    return entry?.qtestProjectId === undefined
      ? { projectKey, from }
      : { projectKey, qtestProjectId: entry.qtestProjectId, from };
  };
  if (input.explicit) return withTarget(input.explicit, 'input');
  if (input.dispatched) return withTarget(input.dispatched, 'dispatch');
  const next = nextInQueue(input.entries, input.states);
  if (next) return withTarget(next.projectKey, 'projects-file');
  if (input.defaultKey) return { projectKey: input.defaultKey, from: 'default' };
  return undefined;
}

/** The queue's next project: one in progress first, then the first pending one. */
export function nextInQueue(
  entries: readonly ProjectEntry[],
  states: ReadonlyMap<string, QueueState>,
): ProjectEntry | undefined {
  const state = (entry: ProjectEntry) => states.get(entry.projectKey) ?? 'pending';
  return (
    entries.find((entry) => state(entry) === 'in-progress') ??
    entries.find((entry) => state(entry) === 'pending')
  );
}
