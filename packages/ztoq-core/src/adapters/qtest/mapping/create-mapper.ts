import type { CanonicalEntityMap, CanonicalEntityType, CanonicalTestCase } from '../../../model/canonical.js';
import type { MapperOptions, MappingLookups, PlannedEntity, TargetMapper } from '../../../ports/target.js';
import type { QTestContext } from '../qtest-context.js';
import { plannedContainers } from './containers.js';
import { expandSteps } from './expand-steps.js';
import { mapFolder } from './map-folder.js';
import { mapTestCase } from './map-test-case.js';
import { mapTestCycle } from './map-test-cycle.js';
import { mapTestExecution } from './map-test-execution.js';
import { mapTestPlan } from './map-test-plan.js';
import type { MapperSetup } from './mapper-setup.js';

/**
 * The pure half of the qTest target: canonical entities to qTest payloads, using only the
 * preflight's context and the lookups. The same input gives the same output (no clock, no
 * randomness), which is what lets the engine compare plans between runs and merge equal runs.
 */
export function createQTestMapper(context: QTestContext, options: MapperOptions): TargetMapper {
  const setup: MapperSetup = { context, options, hasRoot: options.targetRoot !== '' };
  // Executions only need a case's step count; expanding its calls once per case, not per
  // execution, keeps a cycle with thousands of executions of one case cheap.
  const stepCounts = new Map<string, Promise<number>>();
  const countSteps = (testCase: CanonicalTestCase, lookups: MappingLookups) => {
    let count = stepCounts.get(testCase.key);
    if (count === undefined) {
      count = expandSteps(testCase, lookups, context).then((expansion) => expansion.steps.length);
      stepCounts.set(testCase.key, count);
    }
    return count;
  };

  return {
    containers: () => plannedContainers(setup),
    async map<T extends CanonicalEntityType>(
      type: T,
      entity: CanonicalEntityMap[T],
      lookups: MappingLookups,
    ): Promise<PlannedEntity[]> {
      // The generic parameter does not narrow `entity`; each case reads it as its own type.
      const as = <K extends CanonicalEntityType>() => entity as unknown as CanonicalEntityMap[K];
      switch (type) {
        case 'folder':
          return mapFolder(as<'folder'>(), lookups, setup);
        case 'test-case':
          return mapTestCase(as<'test-case'>(), lookups, setup);
        case 'test-plan':
          return mapTestPlan(as<'test-plan'>(), lookups, setup);
        case 'test-cycle':
          return mapTestCycle(as<'test-cycle'>(), lookups, setup);
        case 'test-execution':
          return mapTestExecution(as<'test-execution'>(), lookups, setup, countSteps);
        default:
          // Statuses, priorities and environments are lookups: preflight mapped them to values.
          return [];
      }
    },
  };
}
