import type { PreflightProblem } from '../../../ports/target.js';
import { findByName, lookupByName } from './find-by-name.js';
import { mappingKey } from './mapping-key.js';

export interface ValueDecisionInput {
  /** The mapping-file section, also the problem kind: `testCasePriority`, `testCaseStatus`, `executionStatus`. */
  section: 'testCasePriority' | 'testCaseStatus' | 'executionStatus';
  /** How messages name the source value, e.g. `execution status`. */
  noun: string;
  /** Source names in use. */
  names: readonly string[];
  /** What qTest offers: allowed values or execution statuses. */
  targets: readonly { id: number; name: string }[];
  mapping: Record<string, string> | undefined;
  defaults: Readonly<Record<string, string>>;
}

export interface ValueDecisions {
  decisions: Record<string, number>;
  problems: PreflightProblem[];
}

/**
 * Maps each source name to a qTest value: the same name, the same name in another case, the
 * mapping file, then the usual meaning. A name none of these resolves is one problem, naming
 * the mapping-file key to set and the values to choose from. Every mapping-file entry that
 * names a value qTest lacks is a problem too, used or not: it is a typo the user wants to hear of.
 */
export function decideValues(input: ValueDecisionInput): ValueDecisions {
  const { section, noun, targets } = input;
  const choices = targets.map((target) => target.name).join(', ');
  const problems: PreflightProblem[] = [];
  const target = (name: string) => findByName(targets, name, (candidate) => candidate.name);

  for (const [source, wanted] of Object.entries(input.mapping ?? {})) {
    if (target(wanted) !== undefined) continue;
    problems.push({
      kind: section,
      value: source,
      mappingKey: mappingKey(section, source),
      message: `The mapping file maps ${noun} "${source}" to "${wanted}", which qTest does not have; use one of: ${choices}.`,
    });
  }

  const decisions: Record<string, number> = {};
  for (const name of input.names) {
    const mapped = lookupByName(input.mapping, name);
    const decided =
      target(name) ??
      (mapped === undefined ? undefined : target(mapped)) ??
      defaultTarget(input.defaults, name, target);
    if (decided !== undefined) {
      decisions[name] = decided.id;
      continue;
    }
    // A mapping entry that names a missing value was reported above; once is enough.
    if (mapped !== undefined) continue;
    problems.push({
      kind: section,
      value: name,
      mappingKey: mappingKey(section, name),
      message: `Zephyr ${noun} "${name}" has no counterpart in qTest; set ${mappingKey(section, name)} in the mapping file to one of: ${choices}.`,
    });
  }
  return { decisions, problems };
}

function defaultTarget<T>(
  defaults: Readonly<Record<string, string>>,
  name: string,
  target: (name: string) => T | undefined,
): T | undefined {
  const folded = name.toLowerCase();
  // `hasOwn`, not `in`: a status called `constructor` must not find Object.prototype's.
  return Object.hasOwn(defaults, folded) ? target(defaults[folded] as string) : undefined;
}
