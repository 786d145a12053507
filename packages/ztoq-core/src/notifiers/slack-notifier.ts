import {
  IncomingWebhook,
  IncomingWebhookHTTPError,
  IncomingWebhookRequestError,
  type IncomingWebhookSendArguments,
} from '@slack/webhook';
import type { MigrationNotice, Notifier } from '../ports/notifier.js';
import { type NoticeSummary, summarizeNotice } from './notice-summary.js';

/** Slack posts through an incoming webhook (@slack/webhook) as a Block Kit message. */
export function slackNotifier(options: {
  webhookUrl: string;
  runUrl?: string;
  timeoutMs?: number;
}): Notifier {
  const webhook = new IncomingWebhook(options.webhookUrl, { timeout: options.timeoutMs ?? 10_000 });
  return {
    name: 'slack',
    async notify(notice: MigrationNotice) {
      const summary = summarizeNotice(notice, options.runUrl);
      try {
        await webhook.send({ text: summary.title, blocks: slackBlocks(summary) });
      } catch (error) {
        // Only the status goes on: the body or a network error may quote the webhook URL.
        throw new Error(`Slack webhook refused the message: ${describeFailure(error)}`);
      }
    },
  };
}

type SlackBlocks = NonNullable<IncomingWebhookSendArguments['blocks']>;

export function slackBlocks(summary: NoticeSummary): SlackBlocks {
  const blocks: SlackBlocks = [
    { type: 'header', text: { type: 'plain_text', text: summary.title.slice(0, 150) } },
    {
      type: 'section',
      // Slack allows at most 10 fields per section.
      fields: summary.facts.slice(0, 10).map(({ label, value }) => ({
        type: 'mrkdwn',
        text: `*${mrkdwn(label)}*\n${mrkdwn(value)}`.slice(0, 2000),
      })),
    },
  ];
  if (summary.runUrl) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `<${summary.runUrl}|Open the run>` }],
    });
  }
  return blocks;
}

/** Slack's mrkdwn needs only these three escaped. */
function mrkdwn(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function describeFailure(error: unknown): string {
  if (error instanceof IncomingWebhookHTTPError) return `HTTP ${error.statusCode}`;
  return error instanceof IncomingWebhookRequestError ? 'no response' : 'request failed';
}
