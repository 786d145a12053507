import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { onTestFinished } from 'vitest';

export interface RecordedRequest {
  method: string;
  /** Path and query as sent, e.g. `/v2/testcases?startAt=0`. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Reply {
  status: number;
  /** Sent as JSON; no body when absent. */
  json?: unknown;
}

export interface RecordingServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  requests: RecordedRequest[];
}

/** A real HTTP server on a free loopback port that records every request; closed when the test ends. */
export async function startRecordingServer(
  reply: (request: RecordedRequest) => Reply | Promise<Reply>,
): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const request: RecordedRequest = {
      method: incoming.method ?? '',
      url: incoming.url ?? '',
      headers: incoming.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    requests.push(request);
    const { status, json } = await reply(request);
    if (json === undefined) {
      outgoing.writeHead(status).end();
    } else {
      outgoing.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(json));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, requests };
}

/** The query parameters of a recorded request. */
export function queryOf(request: RecordedRequest): URLSearchParams {
  return new URL(request.url, 'http://recorded').searchParams;
}

export function pathOf(request: RecordedRequest): string {
  return new URL(request.url, 'http://recorded').pathname;
}
