import { afterEach, describe, expect, it } from 'vitest';
import { zephyrOperations } from '../../src/generated/zephyr-operations.js';
import { HttpLayer } from '../../src/http/http-layer.js';
import { SecretRegistry, secrets } from '../../src/secrets.js';
import { recordingLogger, recordingSleep } from './support/recorders.js';
import { type ScriptedServer, startScriptedServer } from './support/scripted-server.js';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const TOKEN = 'ztq-PLANTED-token-8c1f0e93';
const UNREGISTERED_PASSWORD = 'planted-password-51d7';

describe('secret redaction', () => {
  it('keeps tokens out of every log line and error message', async () => {
    // Two 503s get retried (warn lines), then the connection drops until attempts run out (an error).
    server = await startScriptedServer((_request, index) =>
      index < 2 ? { status: 503 } : { destroySocket: true },
    );
    const origin = server.origin;
    const registry = new SecretRegistry();
    registry.add(TOKEN);
    const { logger, lines } = recordingLogger();
    const http = new HttpLayer({ logger, secrets: registry, sleep: recordingSleep().sleep });
    const zephyrFetch = http.api({
      api: 'zephyr',
      baseUrl: `${origin}/v2`,
      operations: zephyrOperations,
      maxAttempts: 4,
    });

    const url = `${origin}/v2/testcases/${TOKEN}?access_token=${TOKEN}&password=${UNREGISTERED_PASSWORD}&projectKey=PROJ`;
    const failure = await zephyrFetch(url, {
      method: 'PUT',
      headers: { authorization: `Bearer ${TOKEN}`, cookie: `session=${TOKEN}` },
      body: JSON.stringify({ token: TOKEN }),
    }).then(
      () => undefined,
      (error: unknown) => error,
    );

    // The request really carried the secrets, so their absence below is the layer's doing.
    expect(server.received[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(server.received[0]?.body).toContain(TOKEN);

    expect(failure).toBeInstanceOf(Error);
    const error = failure as Error;
    expect(error.message).toContain('zephyr PUT /testcases/{testCaseKey}');
    expect(error.message).toContain('after 4 attempts');
    expect(error.cause).toBeUndefined();

    expect(lines.filter((line) => line.level === 'warn')).toHaveLength(3);
    expect(lines.filter((line) => line.level === 'debug')).toHaveLength(4);
    const loggedUrls = lines.map((line) => line.fields?.url).filter((value) => value !== undefined);
    expect(loggedUrls).toContain(`${origin}/v2/testcases/***?access_token=***&password=***&projectKey=PROJ`);

    const everything = [
      JSON.stringify(lines),
      error.message,
      String(error.stack),
      JSON.stringify(error),
      JSON.stringify(http.stats()),
    ].join('\n');
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain(encodeURIComponent(TOKEN));
    expect(everything).not.toContain(UNREGISTERED_PASSWORD);
    expect(everything).not.toMatch(/bearer/i);
    expect(everything).not.toMatch(/authorization|cookie/i);
  });

  it('uses the process-wide registry by default', async () => {
    server = await startScriptedServer(() => ({ status: 200 }));
    const planted = `process-wide-${Math.random().toString(36).slice(2)}`;
    secrets.add(planted);
    const { logger, lines } = recordingLogger();
    const http = new HttpLayer({ logger });
    const zephyrFetch = http.api({
      api: 'zephyr',
      baseUrl: `${server.origin}/v2`,
      operations: zephyrOperations,
    });
    await zephyrFetch(`${server.origin}/v2/testcases?projectKey=${planted}`);
    expect(lines).toHaveLength(1);
    expect(JSON.stringify(lines)).toContain('projectKey=***');
    expect(JSON.stringify(lines)).not.toContain(planted);
  });
});
