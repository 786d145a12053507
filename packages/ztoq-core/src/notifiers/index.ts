export { ciRunLink } from './ci-run-link.js';
export { type EmailNotifierOptions, emailNotifier } from './email-notifier.js';
export { jsonNotifier } from './json-notifier.js';
export { type NoticeSummary, summarizeNotice } from './notice-summary.js';
export { type NotifiersFromConfigOptions, notifiersFromConfig } from './notifiers-from-config.js';
export { type RetryOptions, withRetries } from './retrying-notifier.js';
export { slackBlocks, slackNotifier } from './slack-notifier.js';
export { DEFAULT_PROGRESS_INTERVAL_MS, throttleProgress } from './throttled-notifier.js';
