import { ConfigError } from '../errors.js';
import type { HttpLayer } from '../http/http-layer.js';
import type { MappingFile } from '../model/mapping-file.js';
import type { Logger } from '../ports/logger.js';

export interface MigrationOptions {
  projectKey: string;
  /** Groups the runs of one migration; by default the latest migration of the project continues. */
  migrationId?: string;
  /** Entities per store transaction and checkpoint in load. */
  batchSize?: number;
  /** Concurrent requests for per-item reads and for creates. */
  maxWorkers?: number;
  /**
   * Ceiling on requests started per second to each API, retries included. Below it the HTTP
   * layer learns each API's rate from its 429s; this is for a limit known in advance.
   */
  maxRps?: number;
  /** A rehearsal: the first N test cases and only their executions. */
  limit?: number;
  /** Extract, transform and preflight only, writing nothing to the target. */
  dryRun?: boolean;
  mapping?: MappingFile;
  /** Name of the root module and cycle; '' puts everything at the target's top level. Defaults to the project key. */
  targetRoot?: string;
  /** Create missing custom fields and allowed values (`--no-create-fields` turns it off). */
  createFields?: boolean;
  /**
   * An entity to update that was edited in the target by hand since ztoq wrote it: `keep`
   * (the default) leaves it as the user made it and lists it; `overwrite` writes the source's
   * version over it, and lists it too.
   */
  onTargetEdit?: OnTargetEdit;
  /** Stops the run between units of work (Ctrl-C, a cancelled job). */
  signal?: AbortSignal;
  /**
   * A time budget: stops the run like `signal`, but only once the run stored a unit of work the
   * next run will not redo, so a chain of short runs always gets further.
   */
  budget?: AbortSignal;
  logger?: Logger;
  /** The HTTP layer the adapters share; its request counts go into the result. */
  http?: HttpLayer;
  /** Where reporters write; no report is written without it. */
  reportDir?: string;
  /**
   * Another run holding the project's writer lock: wait for it (until `signal` aborts)
   * instead of failing at once with `WriterLockHeld`.
   */
  waitForLock?: boolean;
  /**
   * `full` reads every loaded entity back; `lean` reads back what was written since it was last
   * found matching and counts the rest by the target's list reads. Default: `full` for a run of
   * the validate phase alone (a check asked for), `lean` when validate follows a load.
   */
  validation?: ValidationMode;
}

export type ValidationMode = 'full' | 'lean';

export const ON_TARGET_EDIT_CHOICES = ['keep', 'overwrite'] as const;
export type OnTargetEdit = (typeof ON_TARGET_EDIT_CHOICES)[number];

export interface ResolvedMigrationOptions {
  projectKey: string;
  migrationId: string | undefined;
  batchSize: number;
  maxWorkers: number;
  maxRps: number | undefined;
  limit: number | undefined;
  dryRun: boolean;
  mapping: MappingFile;
  targetRoot: string;
  createFields: boolean;
  validation: ValidationMode | undefined;
  onTargetEdit: OnTargetEdit;
}

export function resolveMigrationOptions(options: MigrationOptions): ResolvedMigrationOptions {
  const problems: string[] = [];
  const positive = (name: string, value: number | undefined, fallback: number, max: number): number => {
    if (value === undefined) return fallback;
    if (!Number.isInteger(value) || value < 1 || value > max) {
      problems.push(`${name} must be a whole number from 1 to ${max}, got ${value}`);
    }
    return value;
  };
  const resolved: ResolvedMigrationOptions = {
    projectKey: options.projectKey,
    migrationId: options.migrationId,
    batchSize: positive('batch size', options.batchSize, 50, 1000),
    maxWorkers: positive('max workers', options.maxWorkers, 5, 64),
    maxRps: options.maxRps,
    limit:
      options.limit === undefined ? undefined : positive('limit', options.limit, 1, Number.MAX_SAFE_INTEGER),
    dryRun: options.dryRun ?? false,
    mapping: options.mapping ?? {},
    targetRoot: options.targetRoot ?? options.projectKey,
    createFields: options.createFields ?? true,
    validation: options.validation,
    onTargetEdit: options.onTargetEdit ?? 'keep',
  };
  if (options.validation !== undefined && options.validation !== 'full' && options.validation !== 'lean')
    problems.push(`validation must be full or lean, got ${String(options.validation)}`);
  if (!ON_TARGET_EDIT_CHOICES.includes(resolved.onTargetEdit)) {
    problems.push(
      `on-target-edit must be one of ${ON_TARGET_EDIT_CHOICES.join(', ')}, got ${String(resolved.onTargetEdit)}`,
    );
  }
  if (options.maxRps !== undefined && !(Number.isFinite(options.maxRps) && options.maxRps > 0))
    problems.push(`max requests per second must be a positive number, got ${options.maxRps}`);
  if (resolved.targetRoot.length > 500)
    problems.push('target root must be at most 500 characters (a qTest name)');
  if (problems.length > 0) throw new ConfigError(problems);
  return resolved;
}
