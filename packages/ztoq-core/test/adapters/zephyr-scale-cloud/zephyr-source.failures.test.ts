import { describe, expect, it } from 'vitest';
import { zephyrScaleCloud } from '../../../src/adapters/zephyr-scale-cloud/index.js';
import { ApiError } from '../../../src/api/api-error.js';
import { AuthError, ConfigError, ExitCode, ZtoqError } from '../../../src/errors.js';
import { HttpLayer } from '../../../src/http/http-layer.js';
import type { JsonValue } from '../../../src/ports/state-store.js';
import {
  expectedFolders,
  expectedTestCases,
  expectedTestCycles,
  expectedTestExecutions,
} from './dataset-expectations.js';
import { simulatedSource } from './simulated-source.js';

describe('Zephyr Scale Cloud source failures', () => {
  it('reports a refused token as AuthError, from describeProject and from a stream', async () => {
    const { source, projectKey } = await simulatedSource({ apiToken: 'not-the-token' });

    const described = source.describeProject(projectKey);
    await expect(described).rejects.toBeInstanceOf(AuthError);
    await expect(described).rejects.toMatchObject({ status: 401, exitCode: ExitCode.authRefused });
    const reading = (async () => {
      for await (const _ of source.readStream('folder', { projectKey, maxWorkers: 1 })) {
        // Reading is what fails.
      }
    })();
    await expect(reading).rejects.toBeInstanceOf(AuthError);
  });

  it('reports an unknown project as a one-line usage error naming the key', async () => {
    const { source } = await simulatedSource();

    const described = source.describeProject('NOPE');

    await expect(described).rejects.toBeInstanceOf(ZtoqError);
    await expect(described).rejects.toMatchObject({
      exitCode: ExitCode.usage,
      message: 'Zephyr project "NOPE" was not found (or the token cannot see it); check --project-key',
    });
  });

  it('reads streams in full through 429s with Retry-After and dropped connections, which the layer retries', async () => {
    const { entities, dataset, http } = await simulatedSource({
      maxResultsCap: 7,
      faults: { seed: 3, rateLimitedRatio: 0.1, dropConnectionRatio: 0.05 },
    });

    expect(await entities('folder')).toStrictEqual(expectedFolders(dataset));
    expect(await entities('test-case')).toStrictEqual(expectedTestCases(dataset));
    expect(await entities('test-cycle')).toStrictEqual(expectedTestCycles(dataset));
    expect(await entities('test-execution')).toStrictEqual(expectedTestExecutions(dataset));

    // The faults did happen, and the layer retried past each of them.
    const totals = http.stats().apis.Zephyr?.totals;
    expect(totals?.responses['429'] ?? 0).toBeGreaterThan(0);
    expect(Object.keys(totals?.networkErrors ?? {}).length).toBeGreaterThan(0);
  });

  it('gives the full data through 5xx answers: reads are retried, and a read that still fails resumes from its checkpoint', async () => {
    const { source, dataset, projectKey, http } = await simulatedSource({
      maxResultsCap: 7,
      faults: { seed: 5, serverErrorRatio: 0.3 },
    });

    // What the engine does: keep each page with its checkpoint; after a failed read, continue
    // from the last checkpoint kept.
    const read: unknown[] = [];
    let checkpoint: JsonValue | undefined;
    let restarts = 0;
    for (;;) {
      try {
        for await (const page of source.readStream('test-execution', {
          projectKey,
          maxWorkers: 4,
          checkpoint,
        })) {
          read.push(...page.entities);
          checkpoint = page.checkpoint;
        }
        break;
      } catch (error) {
        // Retries can run out (five attempts at 30% errors): the stored checkpoint resumes the read.
        expect(error).toBeInstanceOf(ApiError);
        expect([500, 502, 503]).toContain((error as ApiError).status);
        restarts++;
        expect(restarts).toBeLessThan(50);
      }
    }

    expect(read).toStrictEqual(expectedTestExecutions(dataset));
    const responses = http.stats().apis.Zephyr?.totals.responses ?? {};
    expect(responses['500'] ?? 0).toBeGreaterThan(0);
    expect((responses['502'] ?? 0) + (responses['503'] ?? 0)).toBeGreaterThan(0);
  });

  it('stops between requests once aborted and throws the abort reason', async () => {
    const { source, simulator, projectKey } = await simulatedSource({ maxResultsCap: 2 });
    const controller = new AbortController();
    const reason = new Error('stopped by the test');
    let pagesRead = 0;

    const reading = (async () => {
      for await (const _ of source.readStream('test-execution', {
        projectKey,
        maxWorkers: 2,
        signal: controller.signal,
      })) {
        pagesRead++;
        controller.abort(reason);
      }
    })();

    await expect(reading).rejects.toBe(reason);
    expect(pagesRead).toBe(1);
    expect(simulator.requestCounts()['GET /testexecutions']).toBe(1);
  });

  it('checks its settings and the read request', async () => {
    expect(() => zephyrScaleCloud({ baseUrl: 'not a url', apiToken: ' ' })).toThrow(ConfigError);
    const source = zephyrScaleCloud({
      baseUrl: 'http://127.0.0.1:9/v2',
      apiToken: 'token',
      http: new HttpLayer(),
    });
    expect(() => source.readStream('folder', { projectKey: 'P', maxWorkers: 0 })).toThrow(RangeError);
    expect(() => source.readStream('test-case', { projectKey: 'P', maxWorkers: 1, limit: -1 })).toThrow(
      RangeError,
    );
  });
});
