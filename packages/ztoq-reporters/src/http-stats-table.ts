import type { EndpointCounters, HttpStatsSnapshot } from '@ztoq/core';

/**
 * The HTTP layer's counters as a Markdown table, one row per endpoint, busiest first: how
 * hard each API was used, how often it answered what, and how much retrying it took.
 */
export function formatHttpStats(stats: HttpStatsSnapshot): string {
  const rows = Object.entries(stats.apis).flatMap(([api, counters]) =>
    Object.entries(counters.endpoints).map(([endpoint, c]) => ({ api, endpoint, c })),
  );
  if (rows.length === 0) return '_No HTTP requests were made._\n';
  rows.sort(
    (a, b) =>
      b.c.requests - a.c.requests || a.api.localeCompare(b.api) || a.endpoint.localeCompare(b.endpoint),
  );

  const header = [
    'API',
    'Endpoint',
    'Requests',
    'Retries',
    'Responses',
    'Network errors',
    'Avg ms',
    'Max ms',
  ];
  const lines = [row(header), row(header.map((_, i) => (i < 2 ? '---' : '---:')))];
  for (const { api, endpoint, c } of rows) {
    lines.push(
      row([
        api,
        `\`${endpoint}\``,
        String(c.requests),
        String(c.retries),
        tally(c.responses),
        tally(c.networkErrors),
        String(averageLatency(c)),
        String(Math.round(c.maxLatencyMs)),
      ]),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Latency is recorded for every attempt that ended, with a response, an error or an abort. */
function averageLatency(c: EndpointCounters): number {
  const ended =
    Object.values(c.responses).reduce((sum, n) => sum + n, 0) +
    Object.values(c.networkErrors).reduce((sum, n) => sum + n, 0) +
    c.aborted;
  return ended === 0 ? 0 : Math.round(c.totalLatencyMs / ended);
}

function tally(counts: Record<string, number>): string {
  const entries = Object.entries(counts).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? '–' : entries.map(([key, n]) => `${key}×${n}`).join(' ');
}

function row(cells: string[]): string {
  return `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`;
}
