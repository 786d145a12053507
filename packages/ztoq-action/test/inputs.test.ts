import { readFile } from 'node:fs/promises';
import { SETTINGS } from '@ztoq/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ACTION_INPUTS, settingsFromInputs } from '../src/inputs.js';
import { RUN_INPUTS } from '../src/run-inputs.js';

function reader(inputs: Record<string, string>) {
  const masked: string[] = [];
  return {
    masked,
    getInput: (name: string) => inputs[name] ?? '',
    setSecret: (value: string) => masked.push(value),
  };
}

describe('settingsFromInputs', () => {
  it('maps given inputs to core settings and masks the secret ones', () => {
    const r = reader({
      'zephyr-base-url': 'https://api.zephyrscale.smartbear.com/v2',
      'zephyr-api-token': ' zt-123 ',
      'qtest-password': 'pw-456',
      'qtest-project-id': '42',
      'slack-webhook-url': 'https://hooks.slack.test/T/B/c',
      'smtp-server': '',
    });
    expect(settingsFromInputs(r)).toEqual({
      zephyrBaseUrl: 'https://api.zephyrscale.smartbear.com/v2',
      zephyrApiToken: 'zt-123',
      qtestPassword: 'pw-456',
      qtestProjectId: '42',
      slackWebhookUrl: 'https://hooks.slack.test/T/B/c',
    });
    expect(r.masked.sort()).toEqual(['https://hooks.slack.test/T/B/c', 'pw-456', 'zt-123']);
  });

  it('has an input for every core setting and run option, each declared in action.yml', async () => {
    expect(Object.keys(ACTION_INPUTS).sort()).toEqual(Object.keys(SETTINGS).sort());
    const action = parse(await readFile(new URL('../../../action.yml', import.meta.url), 'utf8')) as {
      inputs: Record<string, { required?: boolean }>;
    };
    for (const input of Object.values(ACTION_INPUTS)) expect(action.inputs).toHaveProperty(input);
    for (const input of Object.values(RUN_INPUTS)) expect(action.inputs).toHaveProperty(input);
  });
});
