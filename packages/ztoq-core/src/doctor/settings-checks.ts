import type { ZtoqConfig } from '../config/load-config.js';
import { projectKeyProblem } from '../config/project-key.js';
import { SETTINGS } from '../config/settings.js';
import type { DoctorCheck } from './doctor-check.js';

/**
 * One check per setting a migration needs, so the checklist names each missing one; values are
 * never shown, since most of them are credentials.
 */
export function settingsChecks(config: ZtoqConfig, projectKey: string | undefined): DoctorCheck[] {
  const present = (id: string, title: string, value: unknown, missing: string): DoctorCheck =>
    value === undefined
      ? { id, title, status: 'failed', detail: missing }
      : { id, title, status: 'ok', detail: 'set' };
  const unset = (env: string) => `${env} is not set: set it in the environment or in ztoq.config.json`;
  const checks = [
    present(
      'zephyr-base-url',
      SETTINGS.zephyrBaseUrl.env,
      config.zephyr.baseUrl,
      unset(SETTINGS.zephyrBaseUrl.env),
    ),
    present(
      'zephyr-api-token',
      SETTINGS.zephyrApiToken.env,
      config.zephyr.apiToken,
      unset(SETTINGS.zephyrApiToken.env),
    ),
    present(
      'qtest-base-url',
      SETTINGS.qtestBaseUrl.env,
      config.qtest.baseUrl,
      unset(SETTINGS.qtestBaseUrl.env),
    ),
    present(
      'qtest-credentials',
      `${SETTINGS.qtestApiToken.env} (or ${SETTINGS.qtestUsername.env}/${SETTINGS.qtestPassword.env})`,
      config.qtest.auth,
      `no qTest credentials: set ${SETTINGS.qtestApiToken.env}, or ${SETTINGS.qtestUsername.env} and ${SETTINGS.qtestPassword.env}`,
    ),
    present(
      'qtest-project-id',
      SETTINGS.qtestProjectId.env,
      config.qtest.projectId,
      unset(SETTINGS.qtestProjectId.env),
    ),
  ];
  const keyProblem =
    projectKey === undefined
      ? `no Zephyr project key: pass --project-key or set ${SETTINGS.defaultZephyrProjectKey.env}`
      : projectKeyProblem(projectKey, 'the project key');
  checks.push(
    keyProblem === undefined
      ? { id: 'project-key', title: 'Zephyr project key', status: 'ok', detail: projectKey ?? '' }
      : { id: 'project-key', title: 'Zephyr project key', status: 'failed', detail: keyProblem },
  );
  return checks;
}
