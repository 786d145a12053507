import type { CanonicalFolder } from '../../../model/canonical.js';
import type { MappingLookups, PlannedEntity } from '../../../ports/target.js';
import type { ModuleBody, TestCycleBody } from '../qtest-entities.js';
import { folderPlace } from './container-parent.js';
import { folderPath } from './folder-chain.js';
import { asJson } from './json-body.js';
import type { MapperSetup } from './mapper-setup.js';
import { folderSourceId } from './source-ids.js';

/**
 * Test-case folders become modules and test-cycle folders become cycles that hold cycles,
 * mirroring the tree. Plan folders become nothing: plans become releases, which do not nest;
 * a release's description names its folder instead.
 */
export function mapFolder(
  folder: CanonicalFolder,
  lookups: MappingLookups,
  setup: MapperSetup,
): PlannedEntity[] {
  if (folder.kind === 'test-plan') return [];
  const type = folder.kind === 'test-case' ? 'module' : 'test-cycle';
  const line = `Zephyr folder: ${folder.id}`;
  const body: ModuleBody | TestCycleBody = { name: folder.name, description: line };
  const place = folderPlace(folder, type, lookups, setup);
  return [
    {
      type,
      sourceId: folderSourceId(folder.id),
      level: place.level,
      refs: place.refs,
      body: asJson(body),
      marker: { line },
      lossy: [],
      label: `${type === 'module' ? 'module' : 'test cycle'} ${folderPath(folder.id, lookups) ?? folder.name}`,
    },
  ];
}
