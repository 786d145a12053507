import { errorLine } from '../engine/error-line.js';
import { type Sleep, timerSleep } from '../http/sleep.js';
import type { Logger } from '../ports/logger.js';
import type { MigrationNotice, Notifier } from '../ports/notifier.js';
import { redact } from '../secrets.js';

export interface RetryOptions {
  /** Attempts in all, the first included. */
  attempts?: number;
  /** One attempt that has not settled by then counts as failed: a hanging relay never blocks the run. */
  timeoutMs?: number;
  /** Wait before the second attempt; doubled each time. */
  delayMs?: number;
  logger: Logger;
  sleep?: Sleep;
}

/**
 * A transport retried a bounded number of times, each attempt under a time limit. Each failed
 * attempt is logged (redacted); after the last the error goes on to the engine, which logs it
 * and carries on with the migration.
 */
export function withRetries(notifier: Notifier, options: RetryOptions): Notifier {
  const attempts = Math.max(1, options.attempts ?? 3);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const delayMs = options.delayMs ?? 1_000;
  const sleep = options.sleep ?? timerSleep;
  return {
    name: notifier.name,
    async notify(notice: MigrationNotice) {
      for (let attempt = 1; ; attempt++) {
        try {
          await withTimeout(notifier.notify(notice), timeoutMs);
          return;
        } catch (error) {
          if (attempt >= attempts) throw error;
          options.logger.warn(
            `notifier ${notifier.name}: attempt ${attempt} of ${attempts} failed, retrying: ${redact(errorLine(error))}`,
          );
          await sleep(delayMs * 2 ** (attempt - 1));
        }
      }
    },
  };
}

async function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
    // The abandoned attempt may still fail later; its rejection is expected and must not crash the process.
    work.catch(() => {});
  }
}
