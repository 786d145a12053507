import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { jsonPath, jsonSyntaxProblem } from './json-text.js';
import { SETTINGS, type SettingName, type SettingsInput } from './settings.js';

/** The file `ztoq` reads from the working directory when `--config` names no other. */
export const DEFAULT_CONFIG_FILE = 'ztoq.config.json';

const settingByEnv = new Map<string, SettingName>(
  (Object.entries(SETTINGS) as [SettingName, (typeof SETTINGS)[SettingName]][]).map(([name, setting]) => [
    setting.env,
    name,
  ]),
);

/**
 * Keys are the environment variable names users already know (`QTEST_API_TOKEN`), so moving a
 * setting between the environment and the file is a copy. Unknown keys are refused: a typo
 * must not leave a setting silently unset.
 */
const configFileSchema = z.strictObject({
  $schema: z.string().optional(),
  ...Object.fromEntries(
    [...settingByEnv.keys()].map((env) => [env, z.union([z.string(), z.number()]).optional()]),
  ),
});

/**
 * Parses `ztoq.config.json` into settings for `loadConfig({ file })`. The file may hold
 * credentials (a file can be protected; a flag shows up in every process list), so its values
 * are never repeated in messages.
 */
export function parseConfigFile(text: string, fileName = DEFAULT_CONFIG_FILE): SettingsInput {
  const syntax = jsonSyntaxProblem(text);
  if (syntax) throw new ConfigError([`${fileName}: not valid JSON (${syntax})`]);
  const parsed = configFileSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${fileName}: ${jsonPath(issue.path)}: ${issue.message}`),
    );
  }
  const settings: SettingsInput = {};
  for (const [key, value] of Object.entries(parsed.data)) {
    const name = settingByEnv.get(key);
    if (name !== undefined && value !== undefined) settings[name] = value;
  }
  return settings;
}

/**
 * Reads a config file. `required` is for a file the user named with `--config`: its absence is
 * an error. The default file is optional, so a missing one gives no settings.
 */
export async function readConfigFile(
  path: string,
  { required }: { required: boolean },
): Promise<SettingsInput> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    if (code === 'ENOENT' && !required) return {};
    throw new ConfigError([`config file ${path} cannot be read (${code}); check --config`], { cause: error });
  }
  return parseConfigFile(text, path);
}
