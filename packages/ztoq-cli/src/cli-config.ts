import path from 'node:path';
import { DEFAULT_CONFIG_FILE, loadConfig, readConfigFile, type ZtoqConfig } from '@ztoq/core';
import type { CliIo } from './cli-io.js';

/**
 * Settings for a command: flags (passed by the command where it has them, e.g. --project-key),
 * then the environment, then the config file — the one `--config` names, or `ztoq.config.json`
 * in the working directory when there is one.
 */
export async function loadCliConfig(io: CliIo, configFile: string | undefined): Promise<ZtoqConfig> {
  const file = await readConfigFile(path.resolve(io.cwd, configFile ?? DEFAULT_CONFIG_FILE), {
    required: configFile !== undefined,
  });
  return loadConfig({ env: io.env, file });
}
