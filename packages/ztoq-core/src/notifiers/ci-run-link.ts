/**
 * The GitHub Actions run a migration belongs to, from the variables every runner sets; a link
 * in a message lets the reader open the logs and artifacts in one click. Undefined elsewhere.
 */
export function ciRunLink(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: runId } = env;
  if (!server || !repository || !runId) return undefined;
  return `${server.replace(/\/+$/, '')}/${repository}/actions/runs/${runId}`;
}
