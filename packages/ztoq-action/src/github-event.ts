import { readFile } from 'node:fs/promises';
import { ConfigError } from '@ztoq/core';

export interface GitHubEvent {
  name: string;
  payload: Record<string, unknown>;
}

/** The event that started the workflow, as the runner hands it over; outside a runner, none. */
export async function readGitHubEvent(env: NodeJS.ProcessEnv = process.env): Promise<GitHubEvent> {
  const name = env.GITHUB_EVENT_NAME ?? '';
  const file = env.GITHUB_EVENT_PATH;
  if (!file) return { name, payload: {} };
  try {
    const payload = JSON.parse(await readFile(file, 'utf8')) as unknown;
    return {
      name,
      payload: payload && typeof payload === 'object' ? (payload as Record<string, unknown>) : {},
    };
  } catch (error) {
    throw new ConfigError([`cannot read the event payload GITHUB_EVENT_PATH: ${(error as Error).message}`]);
  }
}
