import type { CanonicalFolder } from '../../../model/canonical.js';
import type { EntityRef, MappingLookups } from '../../../ports/target.js';
import { folderChain } from './folder-chain.js';
import type { MapperSetup } from './mapper-setup.js';
import { folderSourceId, ROOT_SOURCE_ID } from './source-ids.js';

export interface ContainerPlace {
  /** `{ parent }`, or no refs at qTest's top level. */
  refs: Record<string, EntityRef>;
  /** The level of the container itself (the root container is 0). */
  level: number;
}

/**
 * Where a folder's module or cycle goes: under the container of its parent folder, or under
 * the root container, or at qTest's top level without one. Its level is its depth there.
 */
export function folderPlace(
  folder: CanonicalFolder,
  containerType: 'module' | 'test-cycle',
  lookups: MappingLookups,
  setup: MapperSetup,
): ContainerPlace {
  const chain = folderChain(folder, lookups);
  const rootLevels = setup.hasRoot ? 1 : 0;
  const parent = chain[chain.length - 2];
  return {
    refs:
      parent !== undefined
        ? { parent: { type: containerType, sourceId: folderSourceId(parent.id) } }
        : rootRefs(containerType, setup),
    level: chain.length - 1 + rootLevels,
  };
}

/**
 * Where an item in `folderId` (a test case, a cycle) goes: into that folder's container, else
 * into the root container; `level` is the item's own depth, for items that nest (cycles).
 */
export function itemPlace(
  folderId: string | undefined,
  containerType: 'module' | 'test-cycle',
  lookups: MappingLookups,
  setup: MapperSetup,
): ContainerPlace {
  const folder = folderId === undefined ? undefined : lookups.folder(folderId);
  if (folderId !== undefined && folder !== undefined) {
    const place = folderPlace(folder, containerType, lookups, setup);
    return {
      refs: { parent: { type: containerType, sourceId: folderSourceId(folderId) } },
      level: place.level + 1,
    };
  }
  return { refs: rootRefs(containerType, setup), level: setup.hasRoot ? 1 : 0 };
}

function rootRefs(containerType: 'module' | 'test-cycle', setup: MapperSetup): Record<string, EntityRef> {
  return setup.hasRoot ? { parent: { type: containerType, sourceId: ROOT_SOURCE_ID } } : {};
}
