import type { ZtoqConfig } from '../config/load-config.js';
import { type Logger, silentLogger } from '../ports/logger.js';
import type { Notifier } from '../ports/notifier.js';
import { ciRunLink } from './ci-run-link.js';
import { emailNotifier } from './email-notifier.js';
import { withRetries } from './retrying-notifier.js';
import { slackNotifier } from './slack-notifier.js';
import { throttleProgress } from './throttled-notifier.js';

export interface NotifiersFromConfigOptions {
  logger?: Logger;
  /** At most one progress notice per this many ms; default 15 minutes. */
  progressIntervalMs?: number;
  /** Link to the CI run; default from GITHUB_SERVER_URL, GITHUB_REPOSITORY and GITHUB_RUN_ID. */
  runUrl?: string;
  attempts?: number;
  attemptTimeoutMs?: number;
}

/**
 * The transports whose settings are present: e-mail when SMTP_SERVER and NOTIFICATION_EMAIL
 * are set, Slack when SLACK_WEBHOOK_URL is. Each is throttled for progress and retried.
 */
export function notifiersFromConfig(
  config: ZtoqConfig,
  options: NotifiersFromConfigOptions = {},
): Notifier[] {
  const logger = options.logger ?? silentLogger;
  const runUrl = options.runUrl ?? ciRunLink();
  const link = runUrl ? { runUrl } : {};
  const transports: Notifier[] = [];
  if (config.smtp) {
    if (config.smtp.to.length > 0) transports.push(emailNotifier({ ...config.smtp, ...link }));
    else logger.warn('SMTP_SERVER is set but NOTIFICATION_EMAIL is not: no e-mail will be sent');
  }
  if (config.slack) transports.push(slackNotifier({ webhookUrl: config.slack.webhookUrl, ...link }));
  return transports.map((transport) =>
    throttleProgress(
      withRetries(transport, {
        logger,
        ...(options.attempts === undefined ? {} : { attempts: options.attempts }),
        ...(options.attemptTimeoutMs === undefined ? {} : { timeoutMs: options.attemptTimeoutMs }),
      }),
      options.progressIntervalMs === undefined ? {} : { intervalMs: options.progressIntervalMs },
    ),
  );
}
