import type { EntityRef, PlannedEntity } from '../../../ports/target.js';
import type { ModuleBody, TestCycleBody } from '../qtest-entities.js';
import { asJson } from './json-body.js';
import type { MapperSetup } from './mapper-setup.js';
import { AD_HOC_SOURCE_ID, ROOT_SOURCE_ID } from './source-ids.js';

export const AD_HOC_CYCLE_NAME = 'Ad hoc executions';

/**
 * The containers every project gets: a root module and a root test cycle named `targetRoot`,
 * so one Zephyr project lands in one place. With an empty `targetRoot` there are none and
 * everything sits at qTest's top level.
 */
export function plannedContainers(setup: MapperSetup): PlannedEntity[] {
  const { projectKey, targetRoot } = setup.options;
  const rootLine = rootMarkerLine(projectKey);
  if (!setup.hasRoot) return [];
  const root: ModuleBody & TestCycleBody = { name: targetRoot, description: rootLine };
  return [
    container('module', ROOT_SOURCE_ID, 0, {}, root, rootLine, `module ${targetRoot}`),
    container('test-cycle', ROOT_SOURCE_ID, 0, {}, root, rootLine, `test cycle ${targetRoot}`),
  ];
}

/** The marker line of a project's root module and root cycle. */
export function rootMarkerLine(projectKey: string): string {
  return `Zephyr project: ${projectKey}`;
}

/**
 * The cycle for executions that belong to no Zephyr cycle (a qTest run needs a parent to be
 * found again), inside the root cycle. Planned by each ad-hoc execution, so a project without
 * any gets none.
 */
export function plannedAdHocCycle(setup: MapperSetup): PlannedEntity {
  const { projectKey } = setup.options;
  const adHocLine = `Zephyr ad-hoc executions: ${projectKey}`;
  const adHoc: TestCycleBody = { name: AD_HOC_CYCLE_NAME, description: adHocLine };
  const adHocParent: Record<string, EntityRef> = setup.hasRoot
    ? { parent: { type: 'test-cycle', sourceId: ROOT_SOURCE_ID } }
    : {};
  return {
    ...container(
      'test-cycle',
      AD_HOC_SOURCE_ID,
      setup.hasRoot ? 1 : 0,
      adHocParent,
      adHoc,
      adHocLine,
      `test cycle ${AD_HOC_CYCLE_NAME}`,
    ),
    shared: true,
  };
}

function container(
  type: 'module' | 'test-cycle',
  sourceId: string,
  level: number,
  refs: Record<string, EntityRef>,
  body: ModuleBody | TestCycleBody,
  line: string,
  label: string,
): PlannedEntity {
  return { type, sourceId, level, refs, body: asJson({ ...body }), marker: { line }, lossy: [], label };
}
