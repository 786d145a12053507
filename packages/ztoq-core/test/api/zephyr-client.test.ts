import { describe, expect, it } from 'vitest';
import { createZephyrClient } from '../../src/api/zephyr-client.js';
import { ConfigError, ExitCode } from '../../src/errors.js';
import { redact } from '../../src/secrets.js';
import { pathOf, startRecordingServer } from './recording-server.js';

const TOKEN = 'zephyr-jwt-token-value';

describe('createZephyrClient', () => {
  it('sends the bearer token and resolves spec paths under the /v2 base URL', async () => {
    const server = await startRecordingServer(() => ({
      status: 200,
      json: { id: 1, jiraProjectId: 10, key: 'PROJ', enabled: true },
    }));
    const client = createZephyrClient({ baseUrl: `${server.origin}/v2`, token: TOKEN });

    const { data } = await client.GET('/projects/{projectIdOrKey}', {
      params: { path: { projectIdOrKey: 'PROJ' } },
    });

    expect(data).toEqual({ id: 1, jiraProjectId: 10, key: 'PROJ', enabled: true });
    expect(server.requests).toHaveLength(1);
    expect(pathOf(server.requests[0]!)).toBe('/v2/projects/PROJ');
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('keeps its own token even when a call passes another Authorization header', async () => {
    const server = await startRecordingServer(() => ({ status: 200, json: { values: [] } }));
    const client = createZephyrClient({ baseUrl: `${server.origin}/v2`, token: TOKEN });

    await client.GET('/statuses', { headers: { Authorization: 'Bearer someone-else' } });

    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('goes through the fetch it is given', async () => {
    const server = await startRecordingServer(() => ({ status: 200, json: { values: [] } }));
    const seen: string[] = [];
    const client = createZephyrClient({
      baseUrl: `${server.origin}/v2`,
      token: TOKEN,
      fetch: (request) => {
        seen.push(`${request.method} ${request.url}`);
        return globalThis.fetch(request);
      },
    });

    await client.GET('/priorities');

    expect(seen).toEqual([`GET ${server.origin}/v2/priorities`]);
  });

  it('registers the token as a secret', () => {
    createZephyrClient({ baseUrl: 'https://api.zephyrscale.smartbear.com/v2', token: TOKEN });
    expect(redact(`header was Bearer ${TOKEN}`)).toBe('header was Bearer ***');
  });

  describe('configuration checks', () => {
    const creating = (baseUrl: string, token: string) => () => createZephyrClient({ baseUrl, token });

    it('names an empty token', () => {
      expect(creating('https://api.zephyrscale.smartbear.com/v2', '  ')).toThrowError(
        new ConfigError(['ZEPHYR_API_TOKEN is empty']),
      );
    });

    it.each([
      ['not a url', 'ZEPHYR_BASE_URL is not a valid http(s) URL: not a url'],
      ['/v2', 'ZEPHYR_BASE_URL is not a valid http(s) URL: /v2'],
      [
        'ftp://api.zephyrscale.smartbear.com/v2',
        'ZEPHYR_BASE_URL is not a valid http(s) URL: ftp://api.zephyrscale.smartbear.com/v2',
      ],
      ['', 'ZEPHYR_BASE_URL is empty'],
    ])('names a bad base URL %j', (baseUrl, message) => {
      expect(creating(baseUrl, TOKEN)).toThrowError(message);
    });

    it('reports every problem at once, as a usage error', () => {
      let thrown: unknown;
      try {
        creating('nowhere', '')();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ConfigError);
      expect((thrown as ConfigError).exitCode).toBe(ExitCode.usage);
      expect((thrown as ConfigError).problems).toEqual([
        'ZEPHYR_BASE_URL is not a valid http(s) URL: nowhere',
        'ZEPHYR_API_TOKEN is empty',
      ]);
    });
  });
});
