import type { CanonicalFolder } from '../../../model/canonical.js';
import type { MappingLookups } from '../../../ports/target.js';

/**
 * The folder and its ancestors, root first. A parent the lookups do not know ends the chain
 * (the folder is then treated as a root), and so does a parent loop, which a corrupt source
 * could otherwise turn into an endless walk.
 */
export function folderChain(folder: CanonicalFolder, lookups: MappingLookups): CanonicalFolder[] {
  const chain = [folder];
  const seen = new Set([folder.id]);
  let parentId = folder.parentId;
  while (parentId !== null && !seen.has(parentId)) {
    const parent = lookups.folder(parentId);
    if (parent === undefined) break;
    chain.unshift(parent);
    seen.add(parent.id);
    parentId = parent.parentId;
  }
  return chain;
}

/** The folder's path as people read it: `Regression / Payments / Cards`. */
export function folderPath(folderId: string | undefined, lookups: MappingLookups): string | undefined {
  if (folderId === undefined) return undefined;
  const folder = lookups.folder(folderId);
  if (folder === undefined) return undefined;
  return folderChain(folder, lookups)
    .map((ancestor) => ancestor.name)
    .join(' / ');
}
