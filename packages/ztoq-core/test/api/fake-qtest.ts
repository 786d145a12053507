import { pathOf, type RecordedRequest, type Reply, startRecordingServer } from './recording-server.js';

export interface FakeQTestOptions {
  /** Tokens the site accepts without a login, like one copied from the qTest UI. */
  readyTokens?: readonly string[];
  /** Answer every login with this instead of a token. */
  loginReply?: Reply;
  /** Answer API calls that carry a valid token; defaults to `200 {"ok":true}`. */
  api?: (request: RecordedRequest) => Reply;
}

export interface FakeQTest {
  /** The site root, `http://127.0.0.1:<port>`. */
  origin: string;
  /** Requests to `/oauth/token`. */
  logins(): RecordedRequest[];
  /** Every other request. */
  apiCalls(): RecordedRequest[];
  /** qTest stops accepting the tokens issued so far, as when they expire. */
  expireTokens(): void;
}

/**
 * A qTest site on loopback: `/oauth/token` issues `access-token-1`, `access-token-2`, … and the
 * API accepts `bearer <token>` for an issued or ready token (the scheme is case-insensitive),
 * answering 401 to anything else.
 */
export async function startFakeQTest(options: FakeQTestOptions = {}): Promise<FakeQTest> {
  const valid = new Set<string>(options.readyTokens);
  let issued = 0;
  const server = await startRecordingServer(async (request) => {
    if (pathOf(request) === '/oauth/token') {
      // A slow login lets concurrent callers pile up behind it, as they would against a real site.
      await new Promise((resolve) => setTimeout(resolve, 30));
      if (options.loginReply) return options.loginReply;
      issued += 1;
      const accessToken = `access-token-${issued}`;
      valid.add(accessToken);
      return {
        status: 200,
        json: {
          access_token: accessToken,
          token_type: 'bearer',
          refresh_token: `refresh-token-${issued}`,
          expires_in: 300,
          scope: 'read write',
        },
      };
    }
    const token = /^bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (token === undefined || !valid.has(token)) return { status: 401, json: { message: 'Unauthorized' } };
    return options.api?.(request) ?? { status: 200, json: { ok: true } };
  });
  return {
    origin: server.origin,
    logins: () => server.requests.filter((request) => pathOf(request) === '/oauth/token'),
    apiCalls: () => server.requests.filter((request) => pathOf(request) !== '/oauth/token'),
    expireTokens: () => valid.clear(),
  };
}
