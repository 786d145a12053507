import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Reporter } from '@ztoq/core';
import { defineReporter, type ReporterDefinition } from './define-reporter.js';

/**
 * Loads a custom reporter from a file (`./my-reporter.js`, `/abs/path.mjs`) or an installed
 * package (`ztoq-reporter-junit`), resolved from `cwd` as the user's own code would resolve it.
 * The module's default export (or an export named `reporter`) is a reporter from
 * `defineReporter`, or a plain `{ name, render }` that is checked the same way.
 */
export async function loadReporter(specifier: string, cwd: string): Promise<Reporter> {
  const module = (await import(moduleUrl(specifier, cwd))) as { default?: unknown; reporter?: unknown };
  const exported = module.default ?? module.reporter;
  if (exported === undefined) {
    throw new TypeError(`${specifier} exports no reporter (export default defineReporter({ name, render }))`);
  }
  return defineReporter(exported as ReporterDefinition);
}

function moduleUrl(specifier: string, cwd: string): string {
  const isPath = specifier.startsWith('.') || path.isAbsolute(specifier);
  if (isPath) return pathToFileURL(path.resolve(cwd, specifier)).href;
  // Node's resolver, anchored in the user's directory rather than in this package.
  const require = createRequire(path.join(cwd, 'package.json'));
  try {
    return pathToFileURL(require.resolve(specifier)).href;
  } catch {
    // A package exporting only `import` conditions cannot be require-resolved; let import try.
    return specifier;
  }
}
