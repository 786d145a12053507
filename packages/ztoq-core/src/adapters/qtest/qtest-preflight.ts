import type { SourceCensus } from '../../model/census.js';
import type { JsonObject } from '../../ports/state-store.js';
import type { PreflightOptions, TargetPreflight } from '../../ports/target.js';
import { buildQTestContext, planFieldChanges, withPlannedChanges } from './mapping/index.js';
import { applyFieldChanges, describeFieldChanges } from './qtest-field-changes.js';
import { readQTestSettings } from './qtest-settings-reader.js';
import type { QTestTransport } from './qtest-transport.js';

/**
 * Read, plan, (create,) decide. The mapping half plans the field changes and builds the
 * context; this half reads qTest before and, when it changed something, after, so the context
 * holds the ids qTest gave the new fields. A dry run builds the context from the settings as
 * they would be, so it reports the same problems a real run would.
 *
 * Requests: 5 reads; with changes, one POST per field plus one per further 100 allowed values,
 * then 5 reads again.
 */
export async function runQTestPreflight(
  transport: QTestTransport,
  census: SourceCensus,
  options: PreflightOptions,
): Promise<TargetPreflight> {
  const mappingOptions = { mapping: options.mapping, createFields: options.createFields };
  const read = await readQTestSettings(transport, options.signal);
  const changes = planFieldChanges(census, read, mappingOptions);

  // Decide on the settings as they would be first: a preflight that finds problems must not
  // have created fields already, so nothing at all is written before every problem is fixed.
  const planned = buildQTestContext(census, withPlannedChanges(read, changes), mappingOptions);
  if (options.dryRun || planned.problems.length > 0 || changes.length === 0) {
    return {
      context: planned.context as unknown as JsonObject,
      problems: planned.problems,
      changes: describeFieldChanges(changes, 'would-create'),
    };
  }
  await applyFieldChanges(transport, changes, options.signal);
  const settings = await readQTestSettings(transport, options.signal);
  const { context, problems } = buildQTestContext(census, settings, mappingOptions);
  return {
    // The context is JSON by design (see `qtest-context.ts`); its interface lacks the index signature.
    context: context as unknown as JsonObject,
    problems,
    changes: describeFieldChanges(changes, 'created'),
  };
}
