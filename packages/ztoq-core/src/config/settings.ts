/**
 * Every setting ztoq reads, with the environment name users already keep as a GitHub secret
 * and the key of the SDK options object (the CLI maps its flags onto the same keys).
 * An explicit option wins over the environment.
 */
export const SETTINGS = {
  zephyrBaseUrl: { env: 'ZEPHYR_BASE_URL', kind: 'url' },
  zephyrApiToken: { env: 'ZEPHYR_API_TOKEN', kind: 'secret' },
  defaultZephyrProjectKey: { env: 'DEFAULT_ZEPHYR_PROJECT_KEY', kind: 'projectKey' },
  qtestBaseUrl: { env: 'QTEST_BASE_URL', kind: 'url' },
  qtestUsername: { env: 'QTEST_USERNAME', kind: 'text' },
  qtestPassword: { env: 'QTEST_PASSWORD', kind: 'secret' },
  qtestApiToken: { env: 'QTEST_API_TOKEN', kind: 'secret' },
  qtestProjectId: { env: 'QTEST_PROJECT_ID', kind: 'positiveInteger' },
  smtpServer: { env: 'SMTP_SERVER', kind: 'text' },
  smtpPort: { env: 'SMTP_PORT', kind: 'port' },
  smtpUsername: { env: 'SMTP_USERNAME', kind: 'text' },
  smtpPassword: { env: 'SMTP_PASSWORD', kind: 'secret' },
  notificationEmail: { env: 'NOTIFICATION_EMAIL', kind: 'emailList' },
  // The webhook URL is itself the credential: anyone holding it can post to the channel.
  slackWebhookUrl: { env: 'SLACK_WEBHOOK_URL', kind: 'secretUrl' },
  databaseUrl: { env: 'ZTOQ_DATABASE_URL', kind: 'secret' },
} as const satisfies Record<string, { env: string; kind: SettingKind }>;

export type SettingKind =
  | 'url'
  | 'secretUrl'
  | 'secret'
  | 'text'
  | 'projectKey'
  | 'positiveInteger'
  | 'port'
  | 'emailList';

export type SettingName = keyof typeof SETTINGS;

/** What a caller may pass explicitly (SDK options, CLI flags); strings as a user would type them. */
export type SettingsInput = Partial<Record<SettingName, string | number | readonly string[] | undefined>>;
