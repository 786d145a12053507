import { qtest } from '../adapters/qtest/index.js';
import { zephyrScaleCloud } from '../adapters/zephyr-scale-cloud/index.js';
import type { ZtoqConfig } from '../config/load-config.js';
import { readMappingFile } from '../config/mapping-file-loader.js';
import { HttpLayer } from '../http/http-layer.js';
import type { MappingFile } from '../model/mapping-file.js';
import { type Logger, silentLogger } from '../ports/logger.js';
import type { Target } from '../ports/target.js';
import { classifyDescribeFailure } from './classify-describe-failure.js';
import type { DoctorCheck, DoctorReport } from './doctor-check.js';
import { mappingCoverageCheck } from './mapping-coverage.js';
import { settingsChecks } from './settings-checks.js';
import { storeCheck } from './store-check.js';

export interface RunDoctorInput {
  config: ZtoqConfig;
  /** Explicit (`--project-key`); otherwise the config's default project key. */
  projectKey?: string;
  /** Absolute path of the mapping file; absent means the default mapping. */
  mappingPath?: string;
  /** Where a relative store path resolves. */
  cwd?: string;
  logger?: Logger;
  signal?: AbortSignal;
}

/**
 * Checks everything a migration needs before it starts, and reports each as a checklist item
 * instead of stopping at the first problem, so one run shows everything to fix. It writes to
 * neither API nor the store. Checks that depend on an earlier one (the project on its API,
 * coverage on the store, qTest and the mapping file) are skipped when that one failed.
 */
export async function runDoctor(input: RunDoctorInput): Promise<DoctorReport> {
  const { config } = input;
  const logger = input.logger ?? silentLogger;
  const signal = input.signal ? { signal: input.signal } : {};
  const projectKey = input.projectKey ?? config.zephyr.defaultProjectKey;
  const checks = settingsChecks(config, projectKey);
  const isOk = (id: string) => checks.find((check) => check.id === id)?.status === 'ok';
  const http = new HttpLayer({ logger });

  const zephyrReady = isOk('zephyr-base-url') && isOk('zephyr-api-token') && isOk('project-key');
  const zephyrApi = 'Zephyr Scale API reachable, token accepted';
  const zephyrProject = `Zephyr project ${projectKey ?? ''} exists`.replace('  ', ' ');
  if (!zephyrReady || projectKey === undefined) {
    checks.push(skipped('zephyr-api', zephyrApi, 'needs the Zephyr settings and a project key'));
    checks.push(skipped('zephyr-project', zephyrProject, 'needs the Zephyr settings and a project key'));
  } else {
    const source = zephyrScaleCloud({
      baseUrl: config.zephyr.baseUrl as string,
      apiToken: config.zephyr.apiToken as string,
      http,
      logger,
      concurrency: 1,
    });
    checks.push(
      ...(await describeChecks({ api: zephyrApi, project: zephyrProject, prefix: 'zephyr' }, async () => {
        const project = await source.describeProject(projectKey, signal);
        const cases = project.estimatedCounts?.['test-case'];
        return `project id ${project.id}${cases === undefined ? '' : `, about ${cases} test cases`}`;
      })),
    );
  }

  const qtestApi = 'qTest API reachable, credentials accepted';
  const qtestProject = `qTest project ${config.qtest.projectId ?? ''} exists and may be written`.replace(
    '  ',
    ' ',
  );
  let target: Target | undefined;
  if (!isOk('qtest-base-url') || !isOk('qtest-credentials') || !isOk('qtest-project-id')) {
    checks.push(skipped('qtest-api', qtestApi, 'needs the qTest settings'));
    checks.push(skipped('qtest-project', qtestProject, 'needs the qTest settings'));
  } else {
    const candidate = qtest({
      baseUrl: config.qtest.baseUrl as string,
      projectId: config.qtest.projectId as number,
      auth: config.qtest.auth as NonNullable<ZtoqConfig['qtest']['auth']>,
      http,
      logger,
      concurrency: 1,
    });
    const described = await describeChecks(
      { api: qtestApi, project: qtestProject, prefix: 'qtest' },
      async () => {
        const project = await candidate.describeProject(signal);
        return `"${project.name}" (${project.id})`;
      },
    );
    checks.push(...described);
    if (described.every((check) => check.status === 'ok')) target = candidate;
  }

  const { check: store, store: openStore } = await storeCheck({
    databaseUrl: config.databaseUrl,
    ...(input.cwd ? { cwd: input.cwd } : {}),
    logger,
  });
  checks.push(store);
  try {
    let mapping: MappingFile | undefined = {};
    if (input.mappingPath === undefined) {
      checks.push(
        skipped('mapping-file', 'mapping file parses', 'no --mapping given: the default mapping applies'),
      );
    } else {
      try {
        mapping = await readMappingFile(input.mappingPath);
        checks.push({
          id: 'mapping-file',
          title: 'mapping file parses',
          status: 'ok',
          detail: input.mappingPath,
        });
      } catch (error) {
        mapping = undefined;
        checks.push({
          id: 'mapping-file',
          title: 'mapping file parses',
          status: 'failed',
          detail: error instanceof Error ? error.message : String(error),
        });
      }
    }
    const coverage = 'mapping covers the source values';
    if (openStore && target && mapping && projectKey !== undefined && isOk('project-key')) {
      checks.push(
        await mappingCoverageCheck({
          store: openStore,
          target,
          projectKey,
          mapping,
          ...(input.signal ? { signal: input.signal } : {}),
        }).catch((error: unknown) => ({
          id: 'mapping-coverage',
          title: coverage,
          status: 'failed' as const,
          detail: error instanceof Error ? error.message : String(error),
        })),
      );
    } else {
      checks.push(
        skipped(
          'mapping-coverage',
          coverage,
          'needs the store, the qTest project and a mapping file that parses',
        ),
      );
    }
  } finally {
    await openStore?.close();
  }
  return { ok: checks.every((check) => check.status !== 'failed'), checks };
}

function skipped(id: string, title: string, detail: string): DoctorCheck {
  return { id, title, status: 'skipped', detail };
}

async function describeChecks(
  titles: { api: string; project: string; prefix: string },
  describe: () => Promise<string>,
): Promise<DoctorCheck[]> {
  const api = `${titles.prefix}-api`;
  const project = `${titles.prefix}-project`;
  try {
    const detail = await describe();
    return [
      { id: api, title: titles.api, status: 'ok', detail: 'answered' },
      { id: project, title: titles.project, status: 'ok', detail },
    ];
  } catch (error) {
    const { failed, detail } = classifyDescribeFailure(error);
    if (failed === 'project') {
      return [
        { id: api, title: titles.api, status: 'ok', detail: 'answered' },
        { id: project, title: titles.project, status: 'failed', detail },
      ];
    }
    return [
      { id: api, title: titles.api, status: 'failed', detail },
      skipped(project, titles.project, 'needs the API'),
    ];
  }
}
