import type { MigrationResult } from '../engine/migration-result.js';
import type { MigrationPhase, RunPhase } from './state-store.js';

/**
 * Tells people how a migration goes, like a nodemailer transport: one small interface, many
 * transports. A notifier that fails is logged and never fails or blocks the migration.
 */
export interface Notifier {
  readonly name: string;
  notify(notice: MigrationNotice): Promise<void>;
}

export type MigrationNotice =
  | { kind: 'run-started'; projectKey: string; migrationId: string; runId: string; phase: RunPhase }
  | {
      kind: 'phase-finished';
      projectKey: string;
      migrationId: string;
      runId: string;
      phase: MigrationPhase;
      counts: Record<string, number>;
    }
  | {
      /** Sent as the engine reports it; transports are wrapped in a throttle (see notifiers/). */
      kind: 'progress';
      projectKey: string;
      migrationId: string;
      runId: string;
      phase: MigrationPhase;
      entityType: string;
      done: number;
      total?: number;
    }
  /** A fatal error ended the run; `error` is one redacted line. Sent before `run-finished`. */
  | { kind: 'run-failed'; projectKey: string; migrationId: string; runId: string; error: string }
  | {
      kind: 'run-finished';
      result: MigrationResult;
      /** Paths the reporters wrote (report.html, CSVs, …); empty without `reportDir`. */
      reportFiles: string[];
    };
