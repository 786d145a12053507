import { type MigrationNotice, type Notifier, summarizeNotice } from '@ztoq/core';

/**
 * A third transport written against the `Notifier` port: a Microsoft Teams incoming webhook
 * (or a Power Automate "post to a channel" flow), sent an Adaptive Card. `summarizeNotice` gives
 * the same redacted facts the e-mail and Slack transports send, so only the layout is new here.
 *
 * Pass it to `createMigration({ notifiers })` or `migrationFromConfig({ notifiers })`; wrap it
 * in `withRetries` and `throttleProgress` to get the built-in transports' retries and throttle.
 */
export function teamsNotifier(options: {
  webhookUrl: string;
  runUrl?: string;
  timeoutMs?: number;
}): Notifier {
  return {
    name: 'teams',
    async notify(notice: MigrationNotice) {
      const summary = summarizeNotice(notice, options.runUrl);
      const card = {
        type: 'AdaptiveCard',
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        version: '1.4',
        body: [
          { type: 'TextBlock', text: summary.title, weight: 'Bolder', size: 'Medium', wrap: true },
          { type: 'FactSet', facts: summary.facts.map(({ label, value }) => ({ title: label, value })) },
        ],
        ...(summary.runUrl
          ? { actions: [{ type: 'Action.OpenUrl', title: 'Open the run', url: summary.runUrl }] }
          : {}),
      };
      const response = await fetch(options.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
        }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      // The status only: the webhook URL is a credential and must not reach a log line.
      if (!response.ok) throw new Error(`Teams webhook answered HTTP ${response.status}`);
    },
  };
}
