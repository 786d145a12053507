/**
 * Cache keys of the state between runs. An Actions cache entry cannot be overwritten, so each
 * run saves under its own key (run id and attempt) and the next restores the newest entry of
 * the prefix. Keys are per repository (a fork's cache is its own anyway, but the key says
 * whose state it is) and, for a project's store, per project.
 */
export interface RunIdentity {
  repository: string;
  runId: string;
  runAttempt: string;
}

export function runIdentity(env: NodeJS.ProcessEnv = process.env): RunIdentity {
  return {
    repository: env.GITHUB_REPOSITORY || 'local',
    runId: env.GITHUB_RUN_ID || String(Date.now()),
    runAttempt: env.GITHUB_RUN_ATTEMPT || '1',
  };
}

export function projectStoreKeys(run: RunIdentity, projectKey: string): { key: string; prefix: string } {
  const prefix = `ztoq-store-${run.repository}-${projectKey}-`;
  return { key: `${prefix}${run.runId}-${run.runAttempt}`, prefix };
}

export function queueLedgerKeys(run: RunIdentity): { key: string; prefix: string } {
  const prefix = `ztoq-queue-${run.repository}-`;
  return { key: `${prefix}${run.runId}-${run.runAttempt}`, prefix };
}
