import * as core from '@actions/core';
import { loadConfig, redact, requireConfig, ZtoqError } from '@ztoq/core';
import { type InputReader, settingsFromInputs } from './inputs.js';

/**
 * The action's entry point. For now it checks that the workflow gives everything a
 * migration needs and fails the step with one line per problem; the migration run itself
 * is wired in once the engine exists.
 */
export async function run(
  reader: InputReader & Pick<typeof core, 'info' | 'setFailed'> = core,
): Promise<void> {
  try {
    const config = loadConfig({ options: settingsFromInputs(reader) });
    const { projectKey, qtest } = requireConfig(config, ['zephyr', 'qtest', 'projectKey']);
    reader.info(
      `ztoq: configuration complete for Zephyr project ${projectKey} → qTest project ${qtest.projectId}`,
    );
  } catch (error) {
    reader.setFailed(redact(error instanceof ZtoqError ? error.message : String(error)));
  }
}
