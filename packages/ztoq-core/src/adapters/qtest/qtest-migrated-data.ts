import { FIELD_LABEL, rootMarkerLine } from './mapping/index.js';
import { hasMarkerLine } from './qtest-marker-line.js';
import type { QTestPropertyResource, QTestTransport } from './qtest-transport.js';

/**
 * Whether the qTest project already holds what a migration of `projectKey` created, in at most
 * two reads: the top-level modules (the root module carries the project's marker line), and,
 * for a migration without a root (an empty target root), one page of test cases whose
 * `Zephyr Key` contains the project's key prefix. Only a yes costs the load anything: it then
 * looks every entity up before creating it.
 */
export async function holdsQTestMigration(
  transport: QTestTransport,
  projectKey: string,
  signal?: AbortSignal,
): Promise<boolean> {
  const topLevel = await transport.listModules(undefined, signal);
  const rootLine = rootMarkerLine(projectKey);
  if (topLevel.some((module) => hasMarkerLine(module.description, rootLine))) return true;
  // Zephyr keys are `<project>-T<n>`; `~` means contains, so a key of another project that
  // merely contains the prefix is told apart here.
  const prefix = `${projectKey}-`;
  if (prefix.includes("'")) return false;
  const hits = await transport.search('test-cases', `'${FIELD_LABEL.zephyrKey}' ~ '${prefix}'`, {
    firstPageOnly: true,
    signal,
  });
  return hits.some((hit) =>
    ((hit.properties ?? []) as QTestPropertyResource[]).some(
      (property) =>
        property.field_name === FIELD_LABEL.zephyrKey &&
        String(property.field_value ?? '').startsWith(prefix),
    ),
  );
}
