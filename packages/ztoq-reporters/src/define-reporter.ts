import type { MigrationReport, Reporter, ReporterContext } from '@ztoq/core';

export interface ReporterDefinition {
  /** Shown in logs (`reporter NAME failed: …`) and used to pick reporters by name. */
  name: string;
  /**
   * Writes into `context.outDir` (which exists) and returns the paths written; returning
   * nothing is allowed for a plugin that sends its report elsewhere.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: a plugin's `async render() { … }` with no return is Promise<void>
  render(report: MigrationReport, context: ReporterContext): Promise<string[] | undefined | void>;
}

/**
 * Makes a reporter from a name and a render function: the one entry point of the plugin API,
 * for the built-in reporters and custom ones alike. Checks the shape at definition time, so a
 * plugin file that exports something else fails when it is loaded, not after a long migration.
 */
export function defineReporter(definition: ReporterDefinition): Reporter {
  if (typeof definition?.name !== 'string' || definition.name.trim() === '') {
    throw new TypeError('a reporter needs a non-empty name');
  }
  if (typeof definition.render !== 'function') {
    throw new TypeError(`reporter ${definition.name} needs a render(report, context) function`);
  }
  const { name, render } = definition;
  return {
    name,
    async render(report, context) {
      return (await render(report, context)) ?? [];
    },
  };
}
