import { describe, expect, it } from 'vitest';
import { loadConfig, requireConfig } from '../../src/config/index.js';
import { ConfigError, ExitCode } from '../../src/errors.js';
import { SecretRegistry } from '../../src/secrets.js';

const complete = {
  ZEPHYR_BASE_URL: 'https://api.zephyrscale.smartbear.com/v2',
  ZEPHYR_API_TOKEN: 'zephyr-token-123',
  QTEST_BASE_URL: 'https://acme.qtestnet.com',
  QTEST_USERNAME: 'lead@acme.test',
  QTEST_PASSWORD: 'pa55word!',
  QTEST_PROJECT_ID: '4711',
  DEFAULT_ZEPHYR_PROJECT_KEY: 'PROJ',
};

function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).exitCode).toBe(ExitCode.usage);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('reads every setting from the environment', () => {
    const config = loadConfig({
      env: {
        ...complete,
        SMTP_SERVER: 'smtp.acme.test',
        SMTP_PORT: '2525',
        SMTP_USERNAME: 'mailer',
        SMTP_PASSWORD: 'smtp-secret',
        NOTIFICATION_EMAIL: 'a@acme.test, b@acme.test;c@acme.test',
        SLACK_WEBHOOK_URL: 'https://hooks.slack.test/services/T/B/x',
        ZTOQ_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
      },
      secrets: new SecretRegistry(),
    });
    expect(config).toEqual({
      zephyr: { baseUrl: complete.ZEPHYR_BASE_URL, apiToken: 'zephyr-token-123', defaultProjectKey: 'PROJ' },
      qtest: {
        baseUrl: 'https://acme.qtestnet.com',
        projectId: 4711,
        auth: { kind: 'password', username: 'lead@acme.test', password: 'pa55word!' },
      },
      smtp: {
        server: 'smtp.acme.test',
        port: 2525,
        username: 'mailer',
        password: 'smtp-secret',
        to: ['a@acme.test', 'b@acme.test', 'c@acme.test'],
      },
      slack: { webhookUrl: 'https://hooks.slack.test/services/T/B/x' },
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/test',
    });
  });

  it('lets explicit options win over the environment', () => {
    const config = loadConfig({
      env: complete,
      options: {
        qtestProjectId: 99,
        zephyrBaseUrl: 'http://127.0.0.1:9/v2',
        notificationEmail: ['x@y.test'],
      },
      secrets: new SecretRegistry(),
    });
    expect(config.qtest.projectId).toBe(99);
    expect(config.zephyr.baseUrl).toBe('http://127.0.0.1:9/v2');
    expect(config.smtp).toBeUndefined();
  });

  it('prefers a ready qTest token over username and password', () => {
    const config = loadConfig({
      env: { ...complete, QTEST_API_TOKEN: 'tok-abc' },
      secrets: new SecretRegistry(),
    });
    expect(config.qtest.auth).toEqual({ kind: 'token', token: 'tok-abc' });
  });

  it('treats empty and blank values as absent, as unset GitHub secrets expand to ""', () => {
    const config = loadConfig({
      env: { ZEPHYR_API_TOKEN: '', QTEST_PROJECT_ID: '  ' },
      secrets: new SecretRegistry(),
    });
    expect(config.zephyr.apiToken).toBeUndefined();
    expect(config.qtest.projectId).toBeUndefined();
  });

  it('reports every malformed value at once, one message each', () => {
    const problems = problemsOf(() =>
      loadConfig({
        env: {
          ZEPHYR_BASE_URL: 'api.zephyrscale.smartbear.com/v2',
          QTEST_BASE_URL: 'ftp://acme.qtestnet.com',
          QTEST_PROJECT_ID: '12ab',
          DEFAULT_ZEPHYR_PROJECT_KEY: 'proj',
          SMTP_PORT: '70000',
          NOTIFICATION_EMAIL: 'lead@acme.test, not-an-address',
        },
        secrets: new SecretRegistry(),
      }),
    );
    expect(problems).toEqual([
      'ZEPHYR_BASE_URL is not a valid URL: api.zephyrscale.smartbear.com/v2 (expected e.g. https://example.com)',
      'DEFAULT_ZEPHYR_PROJECT_KEY is not a Zephyr project key: "proj" (expected capital letters, digits and _, starting with a letter, e.g. PROJ)',
      'QTEST_BASE_URL must be an http(s) URL, got ftp://acme.qtestnet.com',
      'QTEST_PROJECT_ID must be a positive whole number, got "12ab"',
      'SMTP_PORT must be a port number from 1 to 65535, got "70000"',
      'NOTIFICATION_EMAIL has invalid email address(es): not-an-address',
    ]);
  });

  it('flags half a username/password pair', () => {
    expect(
      problemsOf(() => loadConfig({ env: { QTEST_USERNAME: 'u' }, secrets: new SecretRegistry() })),
    ).toEqual(['QTEST_PASSWORD is not set but QTEST_USERNAME is: set both, or QTEST_API_TOKEN instead']);
    expect(
      problemsOf(() => loadConfig({ env: { QTEST_PASSWORD: 'p' }, secrets: new SecretRegistry() })),
    ).toEqual(['QTEST_USERNAME is not set but QTEST_PASSWORD is: set both, or QTEST_API_TOKEN instead']);
  });

  it('never echoes the Slack webhook URL, and registers secrets for redaction', () => {
    const registry = new SecretRegistry();
    const problems = problemsOf(() =>
      loadConfig({ env: { ...complete, SLACK_WEBHOOK_URL: 'hooks-secret-path' }, secrets: registry }),
    );
    expect(problems).toEqual([
      'SLACK_WEBHOOK_URL is not a valid URL: (value hidden) (expected e.g. https://example.com)',
    ]);
    const text = `token zephyr-token-123 password pa55word! hook hooks-secret-path user lead@acme.test`;
    expect(registry.redact(text)).toBe('token *** password *** hook *** user lead@acme.test');
  });
});

describe('requireConfig', () => {
  it('returns definite connection settings when everything is present', () => {
    const config = loadConfig({ env: complete, secrets: new SecretRegistry() });
    expect(requireConfig(config, ['zephyr', 'qtest', 'projectKey'])).toEqual({
      zephyr: { baseUrl: complete.ZEPHYR_BASE_URL, apiToken: 'zephyr-token-123' },
      qtest: {
        baseUrl: 'https://acme.qtestnet.com',
        projectId: 4711,
        auth: { kind: 'password', username: 'lead@acme.test', password: 'pa55word!' },
      },
      projectKey: 'PROJ',
    });
  });

  it('names every missing setting in one error', () => {
    const config = loadConfig({ env: {}, secrets: new SecretRegistry() });
    expect(problemsOf(() => requireConfig(config, ['zephyr', 'qtest', 'projectKey']))).toEqual([
      'ZEPHYR_BASE_URL is not set',
      'ZEPHYR_API_TOKEN is not set',
      'QTEST_BASE_URL is not set',
      'qTest credentials are not set: set QTEST_API_TOKEN, or QTEST_USERNAME and QTEST_PASSWORD',
      'QTEST_PROJECT_ID is not set',
      'no Zephyr project key: pass --project-key or set DEFAULT_ZEPHYR_PROJECT_KEY',
    ]);
  });

  it('asks only for what the command needs', () => {
    const config = loadConfig({
      env: { ZEPHYR_BASE_URL: 'https://z.test/v2', ZEPHYR_API_TOKEN: 't0ken' },
      secrets: new SecretRegistry(),
    });
    expect(requireConfig(config, ['zephyr'])).toEqual({
      zephyr: { baseUrl: 'https://z.test/v2', apiToken: 't0ken' },
    });
  });

  it('validates an explicit project key and lets it win over the default', () => {
    const config = loadConfig({ env: complete, secrets: new SecretRegistry() });
    expect(requireConfig(config, ['projectKey'], { projectKey: 'OTHER_2' })).toEqual({
      projectKey: 'OTHER_2',
    });
    expect(problemsOf(() => requireConfig(config, ['projectKey'], { projectKey: 'my-proj' }))).toEqual([
      'the project key is not a Zephyr project key: "my-proj" (expected capital letters, digits and _, starting with a letter, e.g. PROJ)',
    ]);
  });
});
