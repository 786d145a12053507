/** describeProject: the credentials, the project, and whether the user may write to it. */
import { createQTestSimulator, DEFAULT_PASSWORD, DEFAULT_SITE_NAME, DEFAULT_USERS } from '@ztoq/simulators';
import { afterEach, describe, expect, it } from 'vitest';
import { qtest } from '../../../src/adapters/qtest/index.js';
import { AuthError, ConfigError, ExitCode, ZtoqError } from '../../../src/errors.js';
import { HttpLayer } from '../../../src/http/http-layer.js';
import { PROJECT_ID, READY_TOKEN, type Site, startSite } from './qtest-target-support.js';

const sites: Site[] = [];
afterEach(async () => {
  await Promise.all(sites.splice(0).map((site) => site.close()));
});

async function site(options: Parameters<typeof startSite>[0] = {}): Promise<Site> {
  const started = await startSite(options);
  sites.push(started);
  return started;
}

describe('describeProject', () => {
  it('answers the project after logging in with a password', async () => {
    const { target } = await site();

    expect(await target.describeProject()).toEqual({ id: String(PROJECT_ID), name: 'Simulator Project' });
    expect(target.name).toBe('qTest Manager');
    expect(target.entityTypes).toEqual([
      'module',
      'test-case',
      'release',
      'test-cycle',
      'test-run',
      'test-log',
    ]);
  });

  it('refuses an unknown project with the usage exit code, naming the setting', async () => {
    const { target } = await site({ target: { projectId: '4242' } });

    const failure = await target.describeProject().catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(ZtoqError);
    expect(failure).toMatchObject({ exitCode: ExitCode.usage });
    expect((failure as Error).message).toContain('qTest project 4242 was not found');
    expect((failure as Error).message).toContain('QTEST_PROJECT_ID');
  });

  it('throws AuthError when the login is refused', async () => {
    const sim = createQTestSimulator();
    const baseUrl = await sim.listen();
    try {
      const target = qtest({
        baseUrl,
        projectId: PROJECT_ID,
        auth: {
          kind: 'password',
          username: DEFAULT_USERS[0]?.username ?? '',
          password: `${DEFAULT_PASSWORD}!`,
          siteName: DEFAULT_SITE_NAME,
        },
      });
      const failure = await target.describeProject().catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(AuthError);
      expect(failure).toMatchObject({ exitCode: ExitCode.authRefused });
    } finally {
      await sim.close();
    }
  });

  it('throws AuthError when qTest answers 401 to a token', async () => {
    const { target } = await site({ auth: 'token', tokens: ['another-token'] });

    const failure = await target.describeProject().catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(AuthError);
    expect(failure).toMatchObject({ status: 401, exitCode: ExitCode.authRefused });
  });

  it('refuses a user whose profile in the project may not create what a load creates', async () => {
    const profile = {
      test_case: { create: false, view: true },
      module: { create: true },
      test_run: { execute: false },
    };
    const http = new HttpLayer({
      fetch: async (input) => {
        const url = new URL(input instanceof Request ? input.url : String(input));
        expect(url.pathname).toBe(`/api/v3/projects/${PROJECT_ID}`);
        expect(url.searchParams.get('expand')).toBe('userprofile');
        return Response.json({ id: PROJECT_ID, name: 'Guarded', user_profile: profile });
      },
    });
    const target = qtest({
      baseUrl: 'https://acme.qtestnet.com',
      projectId: PROJECT_ID,
      auth: { kind: 'token', token: READY_TOKEN },
      http,
    });

    const failure = await target.describeProject().catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(AuthError);
    expect((failure as Error).message).toContain(
      'may not create test cases, execute test runs in project "Guarded"',
    );
  });

  it('refuses a project id that is not a number before any request', () => {
    expect(() =>
      qtest({
        baseUrl: 'https://acme.qtestnet.com',
        projectId: 'DEMO',
        auth: { kind: 'token', token: READY_TOKEN },
      }),
    ).toThrow(ConfigError);
  });
});
