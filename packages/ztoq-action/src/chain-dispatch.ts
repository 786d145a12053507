import { getOctokit } from '@actions/github';
import { ConfigError, dispatchPayload, type RunPhase } from '@ztoq/core';

/** The `repository_dispatch` type the scheduled workflow listens for. */
export const CHAIN_EVENT_TYPE = 'trigger-migration';

export interface ChainRequest {
  token: string;
  projectKey: string;
  batchSize: number;
  maxWorkers: number;
  phase: RunPhase;
  sendReport: boolean;
  env?: NodeJS.ProcessEnv;
}

/**
 * Starts the next run of the chain: a `repository_dispatch` to this repository. A workflow's
 * own GITHUB_TOKEN cannot start workflows, which is why the token is REPO_ACCESS_TOKEN (or
 * `github-token`) and why `GITHUB_API_URL` is honoured (GitHub Enterprise Server).
 */
export async function dispatchNextRun(request: ChainRequest): Promise<void> {
  const env = request.env ?? process.env;
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo)
    throw new ConfigError(['GITHUB_REPOSITORY is not set, so the next run cannot be dispatched']);
  const octokit = getOctokit(request.token, { baseUrl: env.GITHUB_API_URL || 'https://api.github.com' });
  await octokit.rest.repos.createDispatchEvent({
    owner,
    repo,
    event_type: CHAIN_EVENT_TYPE,
    client_payload: dispatchPayload(request),
  });
}
