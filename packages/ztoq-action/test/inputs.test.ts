import { readFile } from 'node:fs/promises';
import { SETTINGS } from '@ztoq/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ACTION_INPUTS, settingsFromInputs } from '../src/inputs.js';
import { run } from '../src/main.js';

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

  it('has an input for every core setting, each declared in action.yml', async () => {
    expect(Object.keys(ACTION_INPUTS).sort()).toEqual(Object.keys(SETTINGS).sort());
    const action = parse(await readFile(new URL('../action.yml', import.meta.url), 'utf8')) as {
      inputs: Record<string, { required?: boolean }>;
    };
    for (const input of Object.values(ACTION_INPUTS)) expect(action.inputs).toHaveProperty(input);
  });
});

describe('run', () => {
  function recorder(inputs: Record<string, string>) {
    const out = { info: [] as string[], failed: [] as string[], masked: [] as string[] };
    return {
      out,
      getInput: (name: string) => inputs[name] ?? '',
      setSecret: (value: string) => out.masked.push(value),
      info: (message: string) => out.info.push(message),
      setFailed: (message: string | Error) => out.failed.push(String(message)),
    };
  }

  it('fails the step naming every missing setting, without leaking secrets', async () => {
    const r = recorder({ 'zephyr-api-token': 'secret-zephyr-token', 'qtest-project-id': 'abc' });
    await run(r);
    expect(r.out.failed).toEqual(['QTEST_PROJECT_ID must be a positive whole number, got "abc"']);
    const r2 = recorder({ 'zephyr-api-token': 'secret-zephyr-token' });
    await run(r2);
    expect(r2.out.failed[0]).toContain('ZEPHYR_BASE_URL is not set');
    expect(r2.out.failed[0]).toContain('QTEST_PROJECT_ID is not set');
    expect(r2.out.failed.join()).not.toContain('secret-zephyr-token');
  });

  it('reports a complete configuration', async () => {
    const r = recorder({
      'zephyr-base-url': 'https://api.zephyrscale.smartbear.com/v2',
      'zephyr-api-token': 'zt',
      'project-key': 'PROJ',
      'qtest-base-url': 'https://acme.qtestnet.com',
      'qtest-api-token': 'qt-token',
      'qtest-project-id': '42',
    });
    await run(r);
    expect(r.out.failed).toEqual([]);
    expect(r.out.info).toEqual(['ztoq: configuration complete for Zephyr project PROJ → qTest project 42']);
  });
});
