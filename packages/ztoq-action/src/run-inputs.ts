import path from 'node:path';
import { ConfigError, type RunPhase } from '@ztoq/core';
import type { InputReader } from './inputs.js';

/** Action input names for what one run does, as opposed to where it connects (`ACTION_INPUTS`). */
export const RUN_INPUTS = {
  phase: 'phase',
  batchSize: 'batch-size',
  maxWorkers: 'max-workers',
  maxRps: 'max-rps',
  limit: 'limit',
  dryRun: 'dry-run',
  mapping: 'mapping',
  targetRoot: 'target-root',
  migrationId: 'migration-id',
  reportDir: 'report-dir',
  createFields: 'create-fields',
  onTargetEdit: 'on-target-edit',
  failOnPartial: 'fail-on-partial',
  sendReport: 'send-report',
  projectsFile: 'projects-file',
  state: 'state',
  chain: 'chain',
  timeBudgetMinutes: 'time-budget-minutes',
  githubToken: 'github-token',
} as const;

/** Where the projects queue is read from when `projects-file` is not given. */
export const DEFAULT_PROJECTS_FILE = 'migration-config/projects.txt';
/** GitHub stops a job at 360 minutes; the rest is for saving the state and dispatching. */
export const DEFAULT_TIME_BUDGET_MINUTES = 330;
export type StateMode = 'cache' | 'none';

const PHASES = ['extract', 'transform', 'load', 'validate', 'all'] as const satisfies readonly RunPhase[];

/**
 * The run's inputs, parsed but not judged: ranges and combinations (a dry run with
 * `phase: load`, a batch size over the maximum) are the engine's to refuse, so the Action and
 * the CLI refuse the same things with the same words.
 */
export interface RunInputs {
  /** Absent: the dispatch's, else `all`. */
  phase?: RunPhase;
  batchSize?: number;
  maxWorkers?: number;
  /** Ceiling on requests per second to each API; absent: learned from the APIs' 429s. */
  maxRps?: number;
  limit?: number;
  dryRun: boolean;
  /** Absolute. */
  mappingFile?: string;
  targetRoot?: string;
  migrationId?: string;
  /** Absolute. */
  reportDir?: string;
  createFields: boolean;
  /** `keep` or `overwrite`; the engine refuses anything else. Absent: the engine's default, keep. */
  onTargetEdit?: string;
  failOnPartial: boolean;
  /** Notifications by e-mail and Slack, when their settings are given; absent: the dispatch's, else true. */
  sendReport?: boolean;
  /** Absolute. */
  projectsFile: string;
  /** False when the default file is used, which may be missing (no queue). */
  projectsFileGiven: boolean;
  /** Absent: `cache` without a database URL, `none` with one. */
  state?: StateMode;
  chain: boolean;
  timeBudgetMinutes: number;
  githubToken?: string;
}

/**
 * Reads the run inputs; every malformed one is named in a single error. An empty input means
 * "not given", because that is all `getInput` can tell: the runner passes an omitted input and
 * one set to "" alike. Relative paths resolve against `cwd`, the job's workspace.
 */
export function readRunInputs(reader: Pick<InputReader, 'getInput'>, cwd: string): RunInputs {
  const problems: string[] = [];
  const text = (name: string): string | undefined => {
    const value = reader.getInput(name).trim();
    return value === '' ? undefined : value;
  };
  const wholeNumber = (name: string): number | undefined => {
    const value = text(name);
    if (value === undefined) return undefined;
    if (/^[0-9]+$/.test(value)) return Number(value);
    problems.push(`input ${name} must be a whole number, got "${value}"`);
    return undefined;
  };
  const optionalFlag = (name: string): boolean | undefined => {
    const value = text(name);
    if (value === undefined) return undefined;
    // The YAML 1.2 core schema's spellings, as `core.getBooleanInput` accepts them.
    if (['true', 'True', 'TRUE'].includes(value)) return true;
    if (['false', 'False', 'FALSE'].includes(value)) return false;
    problems.push(`input ${name} must be true or false, got "${value}"`);
    return undefined;
  };
  const flag = (name: string, fallback: boolean): boolean => optionalFlag(name) ?? fallback;
  const positiveNumber = (name: string): number | undefined => {
    const value = text(name);
    if (value === undefined) return undefined;
    if (/^[0-9]+(\.[0-9]+)?$/.test(value) && Number(value) > 0) return Number(value);
    problems.push(`input ${name} must be a number above zero, got "${value}"`);
    return undefined;
  };
  const phaseText = text(RUN_INPUTS.phase);
  const phase = phaseText === undefined ? undefined : PHASES.find((name) => name === phaseText);
  if (phaseText !== undefined && !phase)
    problems.push(`input phase must be one of ${PHASES.join(', ')}, got "${phaseText}"`);
  const stateText = text(RUN_INPUTS.state);
  const state =
    stateText === undefined ? undefined : (['cache', 'none'] as const).find((s) => s === stateText);
  if (stateText !== undefined && !state)
    problems.push(`input state must be cache or none, got "${stateText}"`);
  const budgetText = text(RUN_INPUTS.timeBudgetMinutes);
  let timeBudgetMinutes = DEFAULT_TIME_BUDGET_MINUTES;
  if (budgetText !== undefined) {
    // Fractions are allowed: a rehearsal (or a test) may want a budget of seconds.
    if (/^[0-9]+(\.[0-9]+)?$/.test(budgetText) && Number(budgetText) > 0)
      timeBudgetMinutes = Number(budgetText);
    else problems.push(`input time-budget-minutes must be a positive number, got "${budgetText}"`);
  }
  const projectsFile = text(RUN_INPUTS.projectsFile);
  const githubToken = text(RUN_INPUTS.githubToken);
  const sendReport = optionalFlag(RUN_INPUTS.sendReport);
  const mapping = text(RUN_INPUTS.mapping);
  const reportDir = text(RUN_INPUTS.reportDir);
  const targetRoot = text(RUN_INPUTS.targetRoot);
  const migrationId = text(RUN_INPUTS.migrationId);
  const onTargetEdit = text(RUN_INPUTS.onTargetEdit);
  const inputs: RunInputs = {
    ...(phase === undefined ? {} : { phase }),
    batchSize: wholeNumber(RUN_INPUTS.batchSize),
    maxWorkers: wholeNumber(RUN_INPUTS.maxWorkers),
    maxRps: positiveNumber(RUN_INPUTS.maxRps),
    limit: wholeNumber(RUN_INPUTS.limit),
    dryRun: flag(RUN_INPUTS.dryRun, false),
    ...(mapping === undefined ? {} : { mappingFile: path.resolve(cwd, mapping) }),
    ...(targetRoot === undefined ? {} : { targetRoot }),
    ...(migrationId === undefined ? {} : { migrationId }),
    ...(reportDir === undefined ? {} : { reportDir: path.resolve(cwd, reportDir) }),
    createFields: flag(RUN_INPUTS.createFields, true),
    ...(onTargetEdit === undefined ? {} : { onTargetEdit }),
    failOnPartial: flag(RUN_INPUTS.failOnPartial, false),
    ...(sendReport === undefined ? {} : { sendReport }),
    projectsFile: path.resolve(cwd, projectsFile ?? DEFAULT_PROJECTS_FILE),
    // action.yml passes the default itself, so the default path counts as not given.
    projectsFileGiven: projectsFile !== undefined && projectsFile !== DEFAULT_PROJECTS_FILE,
    ...(state === undefined ? {} : { state }),
    chain: flag(RUN_INPUTS.chain, true),
    timeBudgetMinutes,
    ...(githubToken === undefined ? {} : { githubToken }),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return inputs;
}
