import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local HTTP server standing in for a webhook (Slack, Teams): it records JSON bodies and answers `status`. */
export interface WebhookSink {
  /** Base URL; append a path such as `/services/T0/B0/secret`. */
  url: string;
  requests: Array<{ path: string; body: unknown }>;
  /** The status the next requests get; 200 by default. */
  status: number;
  close(): Promise<void>;
}

export async function startWebhookSink(): Promise<WebhookSink> {
  const sink: WebhookSink = { url: '', requests: [], status: 200, close: async () => {} };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      sink.requests.push({
        path: request.url ?? '',
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
      });
      response.writeHead(sink.status, { 'content-type': 'text/plain' });
      response.end(sink.status === 200 ? 'ok' : 'internal_error');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  sink.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sink.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return sink;
}
