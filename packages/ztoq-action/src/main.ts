import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as core from '@actions/core';
import {
  ExitCode,
  interruptOnSignals,
  loadConfig,
  type MigrationResult,
  migrationFromConfig,
  readMappingFile,
  redact,
  requireConfig,
  ZtoqError,
} from '@ztoq/core';
import { REPORT_FORMATS, reportersForFormats } from '@ztoq/reporters';
import { createActionLogger } from './action-logger.js';
import { settingsFromInputs } from './inputs.js';
import { addFailureToSummary, addResultToSummary } from './job-summary.js';
import { readRunInputs } from './run-inputs.js';
import { reportOutcome } from './step-outcome.js';

/**
 * The action's entry point: one `ztoq migrate` for the project the inputs name. The engine does
 * the work; this only translates inputs into its options and its result into step outputs, a
 * job summary and the step's outcome. It never throws: every failure ends the step through
 * `setFailed` with one line, after the outputs say `failed` so later steps can branch on it.
 */
export async function run(): Promise<void> {
  const logger = createActionLogger(core);
  let result: MigrationResult;
  let failOnPartial: boolean;
  try {
    // Secrets are registered for masking before anything else can print them.
    const config = loadConfig({ options: settingsFromInputs(core) });
    const cwd = process.cwd();
    const inputs = readRunInputs(core, cwd);
    failOnPartial = inputs.failOnPartial;
    // Every missing setting at once, as before any migration: a workflow is fixed in one edit.
    const { projectKey } = requireConfig(config, ['zephyr', 'qtest', 'projectKey']);
    const mapping = inputs.mappingFile ? await readMappingFile(inputs.mappingFile) : undefined;
    // Cancelling a workflow sends SIGINT, then SIGTERM, then kills the step.
    const interrupt = interruptOnSignals({
      logger,
      message: 'the workflow was cancelled; stopping after the requests in flight',
    });
    try {
      const configured = await migrationFromConfig({
        config,
        cwd,
        logger,
        sendReport: inputs.sendReport,
        // With a report directory the engine writes every report there, and mails attach them.
        ...(inputs.reportDir ? { reporters: reportersForFormats(REPORT_FORMATS.join(',')) } : {}),
        options: {
          projectKey,
          ...(inputs.reportDir ? { reportDir: inputs.reportDir } : {}),
          ...(inputs.batchSize === undefined ? {} : { batchSize: inputs.batchSize }),
          ...(inputs.maxWorkers === undefined ? {} : { maxWorkers: inputs.maxWorkers }),
          ...(inputs.limit === undefined ? {} : { limit: inputs.limit }),
          dryRun: inputs.dryRun,
          ...(mapping ? { mapping } : {}),
          ...(inputs.targetRoot === undefined ? {} : { targetRoot: inputs.targetRoot }),
          ...(inputs.migrationId === undefined ? {} : { migrationId: inputs.migrationId }),
          createFields: inputs.createFields,
          signal: interrupt.signal,
        },
      });
      try {
        configured.migration.on('phase', ({ phase, state }) => {
          // The engine logs each phase's start; its end is only an event.
          if (state === 'finished') logger.info(`${phase}: finished`);
        });
        result = await configured.migration.run({ phase: inputs.phase });
      } finally {
        await configured.close();
      }
    } finally {
      interrupt.dispose();
    }
    core.setOutput('status', result.status);
    core.setOutput('exit-code', String(result.exitCode));
    core.setOutput('migration-id', result.migrationId);
    core.setOutput('run-id', result.runId);
    if (inputs.reportDir) {
      const file = path.join(inputs.reportDir, 'result.json');
      await mkdir(inputs.reportDir, { recursive: true });
      await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
      core.setOutput('result-file', file);
      logger.info(`result written to ${file}`);
    }
  } catch (error) {
    const message = redact(oneLine(error));
    core.setOutput('status', 'failed');
    core.setOutput('exit-code', String(error instanceof ZtoqError ? error.exitCode : ExitCode.failed));
    await writeSummary((summary) => addFailureToSummary(summary, message));
    core.setFailed(message);
    return;
  }
  await writeSummary((summary) => addResultToSummary(summary, result));
  reportOutcome(core, result, failOnPartial);
}

/**
 * Outside a runner (a local `node dist/main.js`) there is no summary file, and a summary that
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
