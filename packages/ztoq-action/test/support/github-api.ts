import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedDispatch {
  path: string;
  authorization: string;
  body: { event_type: string; client_payload: Record<string, unknown> };
  raw: string;
}

export interface GitHubApi {
  url: string;
  dispatches: RecordedDispatch[];
  close(): Promise<void>;
}

/**
 * The one REST endpoint the chain calls, `POST /repos/{owner}/{repo}/dispatches`, on loopback:
 * it answers 204 as GitHub does and records each request with its body and authorization.
 * Anything else is a 404, so an unexpected call fails the run visibly.
 */
export async function startGitHubApi(): Promise<GitHubApi> {
  const dispatches: RecordedDispatch[] = [];
  const server: Server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => {
      raw += chunk.toString('utf8');
    });
    request.on('end', () => {
      if (request.method === 'POST' && /^\/repos\/[^/]+\/[^/]+\/dispatches$/.test(request.url ?? '')) {
        dispatches.push({
          path: request.url ?? '',
          authorization: request.headers.authorization ?? '',
          body: JSON.parse(raw) as RecordedDispatch['body'],
          raw,
        });
        response.writeHead(204).end();
        return;
      }
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    dispatches,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
