import { AuthError, ExitCode, ZtoqError } from '../../errors.js';
import type { Logger } from '../../ports/logger.js';
import type { TargetProject } from '../../ports/target.js';
import type { QTestProjectResource, QTestTransport } from './qtest-transport.js';

type UserProfile = NonNullable<QTestProjectResource['user_profile']>;

/** The permissions a load uses, by where qTest's `UserProfile` keeps them. */
const WRITE_PERMISSIONS: readonly { what: string; granted: (profile: UserProfile) => boolean | undefined }[] =
  [
    { what: 'create modules', granted: (profile) => profile.module?.create },
    { what: 'create test cases', granted: (profile) => profile.test_case?.create },
    { what: 'create releases', granted: (profile) => profile.release?.create },
    { what: 'create test cycles', granted: (profile) => profile.test_cycle?.create },
    { what: 'create test runs', granted: (profile) => profile.test_run?.create },
    { what: 'execute test runs', granted: (profile) => profile.test_run?.execute },
  ];

/**
 * Checks that the project exists and that the user may write to it. One request:
 * `GET …/projects/{id}?expand=userprofile`, whose answer carries the caller's permissions in
 * the project. A permission qTest answers `false` stops the run before anything is written;
 * one it leaves out is not held against the user. When the answer has no profile at all (a
 * qTest that ignores `expand`, or the simulator) the check cannot be made: that is logged, and
 * a refused write later surfaces as the `AuthError` its 403 becomes.
 *
 * Creating custom fields needs the project-settings permission; it is not checked here, since
 * a run that creates no field does not need it. Preflight's first field create tells.
 */
export async function describeQTestProject(
  transport: QTestTransport,
  logger: Logger,
  signal?: AbortSignal,
): Promise<TargetProject> {
  const project = await transport.getProject(signal);
  if (project === undefined) {
    throw new ZtoqError(
      `qTest project ${transport.projectId} was not found (or the user cannot see it); check QTEST_PROJECT_ID`,
      ExitCode.usage,
    );
  }
  const name = project.name ?? `project ${transport.projectId}`;
  const profile = project.user_profile;
  if (profile === undefined) {
    logger.debug(`qTest did not answer the user's permissions in ${name}; assuming the user may write`, {
      projectId: transport.projectId,
    });
  } else {
    const refused = WRITE_PERMISSIONS.filter((permission) => permission.granted(profile) === false);
    if (refused.length > 0) {
      throw new AuthError(
        'qTest',
        403,
        `the qTest user may not ${refused.map((permission) => permission.what).join(', ')} in project "${name}" (${transport.projectId}); ask a qTest project admin for a profile that may`,
      );
    }
  }
  return { id: String(project.id ?? transport.projectId), name };
}
