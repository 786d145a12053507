import type { SettingName, SettingsInput } from '@ztoq/core';
import { SETTINGS } from '@ztoq/core';

/**
 * Action input names, one per core setting. An input left empty falls back to the
 * environment variable of the same setting, so a workflow may pass secrets either way.
 */
export const ACTION_INPUTS = {
  zephyrBaseUrl: 'zephyr-base-url',
  zephyrApiToken: 'zephyr-api-token',
  defaultZephyrProjectKey: 'project-key',
  qtestBaseUrl: 'qtest-base-url',
  qtestUsername: 'qtest-username',
  qtestPassword: 'qtest-password',
  qtestApiToken: 'qtest-api-token',
  qtestProjectId: 'qtest-project-id',
  smtpServer: 'smtp-server',
  smtpPort: 'smtp-port',
  smtpUsername: 'smtp-username',
  smtpPassword: 'smtp-password',
  notificationEmail: 'notification-email',
  slackWebhookUrl: 'slack-webhook-url',
  databaseUrl: 'database-url',
} as const satisfies Record<SettingName, string>;

export interface InputReader {
  getInput(name: string): string;
  /** Tells the runner to mask a value in every log line from here on. */
  setSecret(value: string): void;
}

export function settingsFromInputs(reader: InputReader): SettingsInput {
  const settings: SettingsInput = {};
  for (const [name, input] of Object.entries(ACTION_INPUTS) as [SettingName, string][]) {
    const value = reader.getInput(input).trim();
    if (value === '') continue;
    const kind: string = SETTINGS[name].kind;
    if (kind === 'secret' || kind === 'secretUrl') reader.setSecret(value);
    settings[name] = value;
  }
  return settings;
}
