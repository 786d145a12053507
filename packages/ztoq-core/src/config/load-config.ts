import type { QTestAuth } from '../api/qtest-auth.js';
import { ConfigError } from '../errors.js';
import { secrets as processSecrets, type SecretRegistry } from '../secrets.js';
import { projectKeyProblem } from './project-key.js';
import { SETTINGS, type SettingKind, type SettingName, type SettingsInput } from './settings.js';

export interface ZtoqConfig {
  zephyr: { baseUrl?: string; apiToken?: string; defaultProjectKey?: string };
  qtest: { baseUrl?: string; projectId?: number; auth?: QTestAuth };
  /** Present when SMTP_SERVER is set: email notifications are enabled by their settings. */
  smtp?: { server: string; port: number; username?: string; password?: string; to: string[] };
  slack?: { webhookUrl: string };
  databaseUrl?: string;
}

export interface LoadConfigInput {
  env?: NodeJS.ProcessEnv;
  options?: SettingsInput;
  /** Settings from `ztoq.config.json`: used where neither an option nor the environment gives one. */
  file?: SettingsInput;
  secrets?: SecretRegistry;
}

const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;
/** Port 587 (SMTP submission with STARTTLS) is what most relays expect when none is given. */
const DEFAULT_SMTP_PORT = 587;

/**
 * Reads every setting from explicit options, then the environment, then the config file. Malformed values are
 * reported all at once, one message per problem, naming the environment variable. Missing
 * values are not an error here: what is required depends on the command (see `requireConfig`).
 * An empty or blank value counts as absent, because an unset GitHub secret expands to "".
 */
export function loadConfig({
  env = process.env,
  options = {},
  file = {},
  secrets = processSecrets,
}: LoadConfigInput = {}): ZtoqConfig {
  const problems: string[] = [];
  const raw = {} as Record<SettingName, string | undefined>;
  for (const [name, setting] of Object.entries(SETTINGS) as [SettingName, (typeof SETTINGS)[SettingName]][]) {
    const given = settingText(options[name]) ?? env[setting.env];
    const value = given === undefined || given.trim() === '' ? settingText(file[name]) : given;
    raw[name] = value?.trim() === '' ? undefined : value?.trim();
    if (raw[name] === undefined) continue;
    if (isSecretKind(setting.kind)) secrets.add(raw[name]);
    const problem = checkValue(setting.env, setting.kind, raw[name]);
    if (problem) problems.push(problem);
  }
  const halfCredentials = halfQTestCredentials(raw);
  if (halfCredentials) problems.push(halfCredentials);
  if (problems.length > 0) throw new ConfigError(problems);

  const config: ZtoqConfig = {
    zephyr: {
      baseUrl: raw.zephyrBaseUrl,
      apiToken: raw.zephyrApiToken,
      defaultProjectKey: raw.defaultZephyrProjectKey,
    },
    qtest: {
      baseUrl: raw.qtestBaseUrl,
      projectId: raw.qtestProjectId === undefined ? undefined : Number(raw.qtestProjectId),
      auth: qtestAuth(raw),
    },
    databaseUrl: raw.databaseUrl,
  };
  if (raw.smtpServer !== undefined) {
    config.smtp = {
      server: raw.smtpServer,
      port: raw.smtpPort === undefined ? DEFAULT_SMTP_PORT : Number(raw.smtpPort),
      username: raw.smtpUsername,
      password: raw.smtpPassword,
      to: splitEmails(raw.notificationEmail ?? ''),
    };
  }
  if (raw.slackWebhookUrl !== undefined) config.slack = { webhookUrl: raw.slackWebhookUrl };
  return config;
}

function settingText(value: SettingsInput[SettingName]): string | undefined {
  return Array.isArray(value) ? value.join(',') : value?.toString();
}

/** A ready token wins over username/password: it needs no login round trip and cannot be refused by it. */
function qtestAuth(raw: Record<SettingName, string | undefined>): QTestAuth | undefined {
  if (raw.qtestApiToken !== undefined) return { kind: 'token', token: raw.qtestApiToken };
  if (raw.qtestUsername !== undefined && raw.qtestPassword !== undefined) {
    return { kind: 'password', username: raw.qtestUsername, password: raw.qtestPassword };
  }
  return undefined;
}

/** Username without password (or the reverse) is a mistake whatever the command, unless a token is given. */
function halfQTestCredentials(raw: Record<SettingName, string | undefined>): string | undefined {
  if (raw.qtestApiToken !== undefined) return undefined;
  const { qtestUsername: user, qtestPassword: password } = SETTINGS;
  if (raw.qtestUsername !== undefined && raw.qtestPassword === undefined) {
    return `${password.env} is not set but ${user.env} is: set both, or QTEST_API_TOKEN instead`;
  }
  if (raw.qtestUsername === undefined && raw.qtestPassword !== undefined) {
    return `${user.env} is not set but ${password.env} is: set both, or QTEST_API_TOKEN instead`;
  }
  return undefined;
}

function isSecretKind(kind: SettingKind): boolean {
  return kind === 'secret' || kind === 'secretUrl';
}

function checkValue(envName: string, kind: SettingKind, value: string): string | undefined {
  switch (kind) {
    case 'url':
      return urlProblem(envName, value, value);
    case 'secretUrl':
      // Never echo a credential-bearing URL back, not even in an error.
      return urlProblem(envName, value, '(value hidden)');
    case 'projectKey':
      return projectKeyProblem(value, envName);
    case 'positiveInteger':
      return /^[1-9][0-9]*$/.test(value)
        ? undefined
        : `${envName} must be a positive whole number, got "${value}"`;
    case 'port': {
      const port = Number(value);
      return /^[0-9]+$/.test(value) && port >= 1 && port <= 65535
        ? undefined
        : `${envName} must be a port number from 1 to 65535, got "${value}"`;
    }
    case 'emailList': {
      const bad = splitEmails(value).filter((address) => !EMAIL.test(address));
      if (splitEmails(value).length === 0) return `${envName} holds no email address`;
      return bad.length === 0 ? undefined : `${envName} has invalid email address(es): ${bad.join(', ')}`;
    }
    case 'secret':
    case 'text':
      return undefined;
  }
}

function urlProblem(envName: string, value: string, shown: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${envName} is not a valid URL: ${shown} (expected e.g. https://example.com)`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `${envName} must be an http(s) URL, got ${shown}`;
  }
  return undefined;
}

function splitEmails(value: string): string[] {
  return value
    .split(/[,;]/)
    .map((address) => address.trim())
    .filter((address) => address !== '');
}
