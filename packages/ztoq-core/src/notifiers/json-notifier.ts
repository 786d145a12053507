import type { MigrationNotice, Notifier } from '../ports/notifier.js';
import { summarizeNotice } from './notice-summary.js';

/**
 * One JSON line per notice on stdout (or any writer): for dry runs, tests and pipelines that
 * forward notices themselves. It carries the same redacted facts as the mail and Slack.
 */
export function jsonNotifier(options: { write?: (line: string) => void; runUrl?: string } = {}): Notifier {
  const write = options.write ?? ((line: string) => process.stdout.write(line));
  return {
    name: 'json',
    async notify(notice: MigrationNotice) {
      write(`${JSON.stringify({ kind: notice.kind, ...summarizeNotice(notice, options.runUrl) })}\n`);
    },
  };
}
