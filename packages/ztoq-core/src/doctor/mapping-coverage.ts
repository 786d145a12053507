import { buildCensus } from '../engine/build-census.js';
import type { MappingFile } from '../model/mapping-file.js';
import type { StateStoreSession } from '../ports/state-store.js';
import type { Target } from '../ports/target.js';
import type { DoctorCheck } from './doctor-check.js';

const TITLE = 'mapping covers the source values';

/**
 * Whether every status, priority, user and field value the source uses can be carried with
 * this mapping file. What the source uses is only known once it has been read, and reading a
 * whole project is a migration's first phase, not a check: so the doctor works on what the
 * store already holds for the project (from `ztoq plan` or an extract), and says so when it
 * holds nothing yet. The answer comes from the target's own preflight in dry-run mode — the
 * same decision a real run makes, including values qTest already has under the same name.
 */
export async function mappingCoverageCheck(input: {
  store: StateStoreSession;
  target: Target;
  projectKey: string;
  mapping: MappingFile;
  signal?: AbortSignal;
}): Promise<DoctorCheck> {
  const { store, target, projectKey, mapping } = input;
  const extracted = await store.countSourceEntities(projectKey);
  if (extracted === 0) {
    return {
      id: 'mapping-coverage',
      title: TITLE,
      status: 'skipped',
      detail: `nothing extracted for ${projectKey} yet: \`ztoq plan --project-key ${projectKey}\` reads it (writing nothing to qTest), then run doctor again`,
    };
  }
  const census = await buildCensus(store, projectKey);
  const preflight = await target.preflight(census, {
    mapping,
    createFields: true,
    dryRun: true,
    targetRoot: projectKey,
    ...(input.signal ? { signal: input.signal } : {}),
  });
  if (preflight.problems.length > 0) {
    return {
      id: 'mapping-coverage',
      title: TITLE,
      status: 'failed',
      detail: `${preflight.problems.length} value(s) not covered: ${preflight.problems.map((problem) => problem.message).join('; ')}`,
    };
  }
  const values =
    census.testCaseStatuses.length +
    census.testCasePriorities.length +
    census.executionStatuses.length +
    census.users.length +
    census.testCaseFields.length;
  return {
    id: 'mapping-coverage',
    title: TITLE,
    status: 'ok',
    detail: `all ${values} statuses, priorities, users and fields in the ${census.counts['test-case'] ?? 0} extracted test cases can be carried`,
  };
}
