import type { QTestAuth } from '../api/qtest-auth.js';
import { ConfigError } from '../errors.js';
import type { ZtoqConfig } from './load-config.js';
import { projectKeyProblem } from './project-key.js';
import { SETTINGS } from './settings.js';

export interface ZephyrConnection {
  baseUrl: string;
  apiToken: string;
}

export interface QTestConnection {
  baseUrl: string;
  auth: QTestAuth;
  projectId: number;
}

export type Requirement = 'zephyr' | 'qtest' | 'projectKey';

export interface RequiredConfig {
  zephyr: ZephyrConnection;
  qtest: QTestConnection;
  projectKey: string;
}

/**
 * Checks that what a command needs is present and returns it with the optional parts made
 * definite. Every missing setting is named in one error, so a user fixes them in one go.
 */
export function requireConfig<const R extends Requirement>(
  config: ZtoqConfig,
  needs: readonly R[],
  explicit: { projectKey?: string } = {},
): Pick<RequiredConfig, R> {
  const problems: string[] = [];
  const missing = (env: string) => problems.push(`${env} is not set`);
  const out: Partial<RequiredConfig> = {};

  if (needs.includes('zephyr' as R)) {
    const { baseUrl, apiToken } = config.zephyr;
    if (baseUrl === undefined) missing(SETTINGS.zephyrBaseUrl.env);
    if (apiToken === undefined) missing(SETTINGS.zephyrApiToken.env);
    if (baseUrl !== undefined && apiToken !== undefined) out.zephyr = { baseUrl, apiToken };
  }
  if (needs.includes('qtest' as R)) {
    const { baseUrl, auth, projectId } = config.qtest;
    if (baseUrl === undefined) missing(SETTINGS.qtestBaseUrl.env);
    if (auth === undefined) {
      problems.push(
        `qTest credentials are not set: set ${SETTINGS.qtestApiToken.env}, or ${SETTINGS.qtestUsername.env} and ${SETTINGS.qtestPassword.env}`,
      );
    }
    if (projectId === undefined) missing(SETTINGS.qtestProjectId.env);
    if (baseUrl !== undefined && auth !== undefined && projectId !== undefined) {
      out.qtest = { baseUrl, auth, projectId };
    }
  }
  if (needs.includes('projectKey' as R)) {
    const projectKey = explicit.projectKey ?? config.zephyr.defaultProjectKey;
    if (projectKey === undefined) {
      problems.push(
        `no Zephyr project key: pass --project-key or set ${SETTINGS.defaultZephyrProjectKey.env}`,
      );
    } else {
      const problem = projectKeyProblem(
        projectKey,
        explicit.projectKey ? 'the project key' : SETTINGS.defaultZephyrProjectKey.env,
      );
      if (problem) problems.push(problem);
      else out.projectKey = projectKey;
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return out as Pick<RequiredConfig, R>;
}
