import { blankProblem, httpUrlProblem, throwIfProblems } from '../../api/client-options.js';
import { createZephyrClient } from '../../api/zephyr-client.js';
import { ExitCode, ZtoqError } from '../../errors.js';
import { zephyrOperations } from '../../generated/zephyr-operations.js';
import { HttpLayer } from '../../http/http-layer.js';
import type { CanonicalEntityType } from '../../model/canonical.js';
import type { Logger } from '../../ports/logger.js';
import type { Source, SourceCapabilities, SourceProject } from '../../ports/source.js';
import { readZephyrStream } from './zephyr-streams.js';
import { ZephyrTransport } from './zephyr-transport.js';

export interface ZephyrScaleCloudOptions {
  /** Includes the API version, e.g. `https://api.zephyrscale.smartbear.com/v2`. */
  baseUrl: string;
  /** The "Zephyr API key" (a JWT) a user generates in Jira. */
  apiToken: string;
  /**
   * The shared HTTP layer; one is created when absent. The source registers the api label
   * `Zephyr` on it, so a layer can serve one Zephyr source only.
   */
  http?: HttpLayer;
  /** For the HTTP layer created when `http` is absent. */
  logger?: Logger;
  /** Requests to Zephyr in flight at once, across all streams (the HTTP layer's default when absent). */
  concurrency?: number;
  /** Ceiling on requests started per second, retries included; below it the HTTP layer learns the rate. */
  maxRps?: number;
}

/** The API label under which the source's requests are counted and logged by the HTTP layer. */
export const ZEPHYR_API_LABEL = 'Zephyr';

/**
 * v2 has no attachment endpoints of any kind; earlier versions are listed and readable;
 * steps may call other test cases.
 */
export const ZEPHYR_SCALE_CLOUD_CAPABILITIES: SourceCapabilities = {
  supportsAttachments: false,
  supportsVersions: true,
  supportsCallToTest: true,
};

/** The entity types whose list `total` gives the project's size cheaply (one one-item page each). */
const COUNTED_LISTS = [
  ['test-case', '/testcases'],
  ['test-plan', '/testplans'],
  ['test-cycle', '/testcycles'],
  ['test-execution', '/testexecutions'],
] as const;

/** The Zephyr Scale Cloud v2 API as a `Source` of canonical entities. */
export function zephyrScaleCloud(options: ZephyrScaleCloudOptions): Source {
  // Checked before the HTTP layer sees the URL, so a bad setting is reported as the setting.
  throwIfProblems([
    ...httpUrlProblem('ZEPHYR_BASE_URL', options.baseUrl),
    ...blankProblem('ZEPHYR_API_TOKEN', options.apiToken),
  ]);
  const http = options.http ?? new HttpLayer({ logger: options.logger });
  const fetch = http.api({
    api: ZEPHYR_API_LABEL,
    baseUrl: options.baseUrl,
    operations: zephyrOperations,
    concurrency: options.concurrency,
    ...(options.maxRps === undefined ? {} : { maxRps: options.maxRps }),
  });
  const transport = new ZephyrTransport(
    createZephyrClient({ baseUrl: options.baseUrl, token: options.apiToken, fetch }),
  );
  return {
    name: 'Zephyr Scale Cloud',
    capabilities: ZEPHYR_SCALE_CLOUD_CAPABILITIES,
    describeProject: (projectKey, describeOptions) =>
      describeZephyrProject(transport, projectKey, describeOptions?.signal),
    readStream: (type, request) => readZephyrStream(transport, type, request),
  };
}

/**
 * Checks that the project exists and the token may read it (401/403 come out of the transport
 * as `AuthError`). Zephyr answers 404 alike for a project that does not exist and one the token
 * cannot see. The counts come from the `total` of one-item pages, when the server sends it.
 */
async function describeZephyrProject(
  transport: ZephyrTransport,
  projectKey: string,
  signal: AbortSignal | undefined,
): Promise<SourceProject> {
  const project = await transport.project(projectKey, signal);
  if (project === undefined) {
    throw new ZtoqError(
      `Zephyr project "${projectKey}" was not found (or the token cannot see it); check --project-key`,
      ExitCode.usage,
    );
  }
  const totals = await Promise.all(
    COUNTED_LISTS.map(
      async ([type, path]) => [type, await transport.total(path, project.key, signal)] as const,
    ),
  );
  const estimatedCounts: Partial<Record<CanonicalEntityType, number>> = {};
  for (const [type, total] of totals) if (total !== undefined) estimatedCounts[type] = total;
  return {
    key: project.key,
    id: String(project.id),
    ...(Object.keys(estimatedCounts).length > 0 ? { estimatedCounts } : {}),
  };
}
