import { access, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as core from '@actions/core';
import {
  chooseProject,
  ExitCode,
  fileQueueLedger,
  interruptOnSignals,
  loadConfig,
  type MigrationResult,
  migrationFromConfig,
  nextInQueue,
  type OnTargetEdit,
  type ProjectEntry,
  parseDispatchParameters,
  type QueueState,
  queueStateAfterRun,
  type RunPhase,
  readMappingFile,
  readProjectsFile,
  redact,
  requireConfig,
  secrets,
  startTimeBudget,
  ZtoqError,
} from '@ztoq/core';
import { REPORT_FORMATS, reportersForFormats } from '@ztoq/reporters';
import { createActionLogger } from './action-logger.js';
import { dispatchNextRun } from './chain-dispatch.js';
import { projectStoreKeys, queueLedgerKeys, runIdentity } from './chain-keys.js';
import { readGitHubEvent } from './github-event.js';
import { settingsFromInputs } from './inputs.js';
import { addChainToSummary, addFailureToSummary, addResultToSummary } from './job-summary.js';
import { reportUploaderFromEnv } from './report-artifact.js';
import { reportArtifactName } from './report-artifact-name.js';
import { readRunInputs } from './run-inputs.js';
import { type StateCache, stateCacheFromEnv } from './state-cache.js';
import { reportOutcome } from './step-outcome.js';

/** The seed's defaults for what a dispatch may also set. */
const DEFAULTS = { batchSize: 50, maxWorkers: 5, phase: 'all' as RunPhase, sendReport: true };
/** Under the workspace, so the cache's paths are the same in every run of the repository. */
const STATE_DIRECTORY = '.ztoq-state';

/**
 * The action's entry point: one project per run. It picks the project (input, dispatch, queue,
 * default), restores its state, lets the engine migrate it within the time budget, records the
 * outcome in the queue, saves the state, uploads the reports and dispatches the next run. The
 * engine does the migrating; this only wires the runner's pieces around it. It never throws:
 * every failure ends the step through `setFailed` with one line, after the outputs say how.
 */
export async function run(): Promise<void> {
  // Every secret, given or derived later (a qTest token from a login), is masked by the runner
  // from the moment it is known, before anything can print it.
  const stopMasking = secrets.onAdd((value) => core.setSecret(value));
  try {
    await runStep();
  } finally {
    stopMasking();
  }
}

async function runStep(): Promise<void> {
  const logger = createActionLogger(core);
  const cwd = process.cwd();
  const identity = runIdentity();
  const cache = stateCacheFromEnv();
  const stateRoot = path.join(cwd, STATE_DIRECTORY);
  const ledgerDirectory = path.join(stateRoot, 'queue');
  let projectKey: string;
  let entries: ProjectEntry[];
  let parameters: typeof DEFAULTS;
  let prepared: Prepared;
  try {
    const settings = settingsFromInputs(core);
    const inputs = readRunInputs(core, cwd);
    const token = inputs.githubToken ?? process.env.REPO_ACCESS_TOKEN?.trim();
    secrets.add(token);
    const event = await readGitHubEvent();
    const dispatched =
      event.name === 'repository_dispatch' ? parseDispatchParameters(event.payload.client_payload) : {};
    const config = loadConfig({ options: settings });
    let useCache = (inputs.state ?? 'cache') === 'cache';
    if (useCache && !cache.available()) {
      core.warning(
        'the Actions cache service is not available (not on a GitHub runner?): the queue and the embedded store are not kept after this run',
      );
      useCache = false;
    }
    const embeddedStore = useCache && !config.databaseUrl;
    if (useCache) await restore(cache, [ledgerDirectory], queueLedgerKeys(identity), 'the project queue');
    entries = await projectsOf(inputs.projectsFile, inputs.projectsFileGiven);
    const ledger = fileQueueLedger(path.join(ledgerDirectory, 'ledger.json'));
    const explicit = core.getInput('project-key').trim();
    const choice = chooseProject({
      ...(explicit ? { explicit } : {}),
      ...(dispatched.projectKey ? { dispatched: dispatched.projectKey } : {}),
      entries,
      states: await ledger.states(entries),
      ...(config.zephyr.defaultProjectKey ? { defaultKey: config.zephyr.defaultProjectKey } : {}),
    });
    parameters = {
      batchSize: inputs.batchSize ?? dispatched.batchSize ?? DEFAULTS.batchSize,
      maxWorkers: inputs.maxWorkers ?? dispatched.maxWorkers ?? DEFAULTS.maxWorkers,
      phase: inputs.phase ?? dispatched.phase ?? DEFAULTS.phase,
      sendReport: inputs.sendReport ?? dispatched.sendReport ?? DEFAULTS.sendReport,
    };
    if (!choice) {
      const message = `the queue is empty: every project of ${path.relative(cwd, inputs.projectsFile)} is done or failed, and no DEFAULT_ZEPHYR_PROJECT_KEY is set; nothing to migrate and nothing dispatched`;
      core.info(message);
      core.setOutput('status', 'nothing-to-do');
      core.setOutput('exit-code', String(ExitCode.ok));
      core.setOutput('next-project', '');
      await writeSummary((summary) =>
        summary.addHeading('ztoq: nothing to migrate', 2).addRaw(`<p>${message}</p>`, true),
      );
      return;
    }
    projectKey = choice.projectKey;
    core.setOutput('project-key', projectKey);
    logger.info(
      `project ${projectKey} (from the ${choice.from}), batch size ${parameters.batchSize}, ${parameters.maxWorkers} workers, phase ${parameters.phase}`,
    );
    const storeDirectory = path.join(stateRoot, 'projects', projectKey);
    prepared = {
      settings: {
        ...settings,
        ...(choice.qtestProjectId === undefined ? {} : { qtestProjectId: String(choice.qtestProjectId) }),
        ...(embeddedStore ? { databaseUrl: `file:${storeDirectory}` } : {}),
      },
      inputs,
      token,
      ledger,
      useCache,
      embeddedStore,
      storeDirectory,
    };
  } catch (error) {
    // Nothing project-specific went wrong: bad inputs or settings would fail every project alike,
    // so the chain stops here, for a person to fix them.
    const message = redact(oneLine(error));
    core.setOutput('status', 'failed');
    core.setOutput('exit-code', String(error instanceof ZtoqError ? error.exitCode : ExitCode.failed));
    await writeSummary((summary) => addFailureToSummary(summary, message));
    core.setFailed(message);
    return;
  }

  const { inputs } = prepared;
  const budget = startTimeBudget(inputs.timeBudgetMinutes);
  let result: MigrationResult | undefined;
  let failure: { message: string; exitCode: ExitCode } | undefined;
  try {
    if (prepared.embeddedStore)
      await restore(
        cache,
        [prepared.storeDirectory],
        projectStoreKeys(identity, projectKey),
        `${projectKey}'s store`,
      );
    result = await migrate(prepared, projectKey, parameters, budget.signal, logger);
  } catch (error) {
    failure = {
      message: redact(oneLine(error)),
      exitCode: error instanceof ZtoqError ? error.exitCode : ExitCode.failed,
    };
  } finally {
    budget.dispose();
  }

  // The outcome goes to the queue whatever it is, so the next run moves on to the next project.
  // The engine honours the budget only once the run got further (a budget spent while the
  // store was restored still leaves a page read or a batch created), so a run that ended
  // without a result failed for another reason, however late.
  const stoppedByBudget = budget.exhausted() && result?.status === 'interrupted';
  const state: QueueState = stoppedByBudget
    ? 'in-progress'
    : result
      ? queueStateAfterRun(result.status)
      : 'failed';
  await prepared.ledger.record(projectKey, state);
  if (prepared.embeddedStore && (await exists(prepared.storeDirectory)))
    await save(
      cache,
      [prepared.storeDirectory],
      projectStoreKeys(identity, projectKey).key,
      `${projectKey}'s store`,
    );
  if (prepared.useCache)
    await save(cache, [ledgerDirectory], queueLedgerKeys(identity).key, 'the project queue');

  if (result && inputs.reportDir && state !== 'in-progress' && (await exists(inputs.reportDir))) {
    const name = reportArtifactName(projectKey, result.migrationId);
    try {
      await reportUploaderFromEnv().upload(name, inputs.reportDir);
      logger.info(`reports uploaded as artifact ${name}`);
    } catch (error) {
      core.warning(`the reports could not be uploaded as ${name}: ${redact(oneLine(error))}`);
    }
  }

  // A run stopped by its budget continues in the next; one cancelled by a person does not.
  const cancelled = result?.status === 'interrupted' && !stoppedByBudget;
  const next = stoppedByBudget
    ? projectKey
    : cancelled
      ? undefined
      : nextInQueue(entries, await prepared.ledger.states(entries))?.projectKey;
  const chain = await dispatchNext(next, prepared, parameters);

  core.setOutput('status', stoppedByBudget ? 'interrupted' : (result?.status ?? 'failed'));
  core.setOutput('exit-code', String(result?.exitCode ?? failure?.exitCode ?? ExitCode.failed));
  core.setOutput('next-project', chain.dispatched ?? '');
  if (inputs.reportDir) core.setOutput('report-dir', inputs.reportDir);
  if (result) {
    core.setOutput('migration-id', result.migrationId);
    core.setOutput('run-id', result.runId);
    core.setOutput('counts', JSON.stringify(result.load));
    for (const [type, counts] of Object.entries(result.load)) {
      core.setOutput(
        `${type}-migrated`,
        String(counts.created + counts.adopted + counts.updated + counts.unchanged),
      );
      core.setOutput(`${type}-failed`, String(counts.failed));
    }
    if (inputs.reportDir) core.setOutput('result-file', path.join(inputs.reportDir, 'result.json'));
  }
  await writeSummary((summary) => {
    if (result) addResultToSummary(summary, result);
    else addFailureToSummary(summary, failure?.message ?? 'unknown failure', projectKey);
    return addChainToSummary(summary, { projectKey, state, stoppedByBudget, note: chain.note });
  });
  if (chain.problem) core.warning(chain.problem);
  if (stoppedByBudget) {
    // Not a failure: the next run, already dispatched, carries on.
    core.info(
      `ztoq: ${projectKey} stopped at its time budget of ${inputs.timeBudgetMinutes} minutes; state saved`,
    );
  } else if (result) reportOutcome(core, result, inputs.failOnPartial);
  else core.setFailed(failure?.message ?? 'unknown failure');
}

interface Prepared {
  settings: ReturnType<typeof settingsFromInputs>;
  inputs: ReturnType<typeof readRunInputs>;
  token: string | undefined;
  ledger: ReturnType<typeof fileQueueLedger>;
  useCache: boolean;
  embeddedStore: boolean;
  storeDirectory: string;
}

async function migrate(
  prepared: Prepared,
  projectKey: string,
  parameters: typeof DEFAULTS,
  budget: AbortSignal,
  logger: ReturnType<typeof createActionLogger>,
): Promise<MigrationResult> {
  const { inputs } = prepared;
  const cwd = process.cwd();
  const config = loadConfig({ options: prepared.settings });
  requireConfig(config, ['zephyr', 'qtest']);
  const mapping = inputs.mappingFile ? await readMappingFile(inputs.mappingFile) : undefined;
  // Cancelling a workflow sends SIGINT, then SIGTERM, then kills the step.
  const interrupt = interruptOnSignals({
    logger,
    message: 'the workflow was cancelled; stopping after the requests in flight',
  });
  budget.addEventListener('abort', () =>
    logger.info(
      `the time budget of ${inputs.timeBudgetMinutes} minutes is spent; stopping after the requests in flight`,
    ),
  );
  try {
    const configured = await migrationFromConfig({
      config,
      cwd,
      logger,
      sendReport: parameters.sendReport,
      ...(inputs.reportDir ? { reporters: reportersForFormats(REPORT_FORMATS.join(',')) } : {}),
      options: {
        projectKey,
        ...(inputs.reportDir ? { reportDir: inputs.reportDir } : {}),
        batchSize: parameters.batchSize,
        maxWorkers: parameters.maxWorkers,
        ...(inputs.maxRps === undefined ? {} : { maxRps: inputs.maxRps }),
        ...(inputs.limit === undefined ? {} : { limit: inputs.limit }),
        dryRun: inputs.dryRun,
        ...(mapping ? { mapping } : {}),
        ...(inputs.targetRoot === undefined ? {} : { targetRoot: inputs.targetRoot }),
        ...(inputs.migrationId === undefined ? {} : { migrationId: inputs.migrationId }),
        createFields: inputs.createFields,
        // Checked by the engine, which refuses a value other than keep or overwrite.
        ...(inputs.onTargetEdit === undefined ? {} : { onTargetEdit: inputs.onTargetEdit as OnTargetEdit }),
        signal: interrupt.signal,
        budget,
      },
    });
    try {
      configured.migration.on('phase', ({ phase, state }) => {
        if (state === 'finished') logger.info(`${phase}: finished`);
      });
      const result = await configured.migration.run({ phase: parameters.phase });
      if (inputs.reportDir) {
        await mkdir(inputs.reportDir, { recursive: true });
        await writeFile(path.join(inputs.reportDir, 'result.json'), `${JSON.stringify(result, null, 2)}\n`);
      }
      return result;
    } finally {
      await configured.close();
    }
  } finally {
    interrupt.dispose();
  }
}

/** Sends the chain's next dispatch; what happened is a note for the summary, never a throw. */
async function dispatchNext(
  next: string | undefined,
  prepared: Prepared,
  parameters: typeof DEFAULTS,
): Promise<{ dispatched?: string; note: string; problem?: string }> {
  if (!next) {
    core.info('the queue is empty: no project is left to migrate, so no next run is dispatched');
    return { note: 'The queue is empty: no next run was dispatched.' };
  }
  if (!prepared.inputs.chain)
    return { note: `Next in the queue: ${next} (chain is off, nothing dispatched).` };
  if (!prepared.token) {
    const problem = `the next project ${next} is not dispatched: neither REPO_ACCESS_TOKEN nor github-token is set`;
    return { note: `Next in the queue: ${next}, not dispatched (no token).`, problem };
  }
  try {
    await dispatchNextRun({ token: prepared.token, projectKey: next, ...parameters });
    core.info(`dispatched trigger-migration for ${next}`);
    return { dispatched: next, note: `Dispatched the next run: ${next}.` };
  } catch (error) {
    const problem = `the next run (${next}) could not be dispatched: ${redact(oneLine(error))}`;
    return { note: `Next in the queue: ${next}, dispatch failed.`, problem };
  }
}

async function projectsOf(file: string, given: boolean): Promise<ProjectEntry[]> {
  // The default file is optional: without it there is no queue, only the input and the default.
  if (!given && !(await exists(file))) return [];
  return readProjectsFile(file);
}

async function restore(
  cache: StateCache,
  paths: string[],
  keys: { key: string; prefix: string },
  what: string,
) {
  try {
    const restored = await cache.restore(paths, keys.key, [keys.prefix]);
    core.info(
      restored
        ? `restored ${what} from cache entry ${restored}`
        : `no cached state for ${what}: starting afresh`,
    );
  } catch (error) {
    // A run without its state adopts what qTest already holds through the markers, so this is
    // a slower run, not a wrong one; the warning says why it is slower.
    core.warning(`${what} could not be restored from the cache: ${redact(oneLine(error))}`);
  }
}

async function save(cache: StateCache, paths: string[], key: string, what: string) {
  try {
    await cache.save(paths, key);
    core.info(`saved ${what} as cache entry ${key}`);
  } catch (error) {
    core.warning(`${what} could not be saved to the cache: ${redact(oneLine(error))}`);
  }
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/**
 * Outside a runner (a local `node dist/index.js`) there is no summary file, and a summary that
 * cannot be written must not turn a finished migration into a failed step.
 */
async function writeSummary(build: (summary: typeof core.summary) => typeof core.summary): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  try {
    await build(core.summary.emptyBuffer()).write();
  } catch (error) {
    core.warning(`the job summary could not be written: ${redact(oneLine(error))}`);
  }
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
