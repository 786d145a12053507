import type { DatasetFolder, FolderType } from '../dataset/zephyr-dataset.js';
import type { DatasetSizeSpec } from './dataset-sizes.js';
import { ID_BASE } from './identifiers.js';
import { ItemRandom } from './item-random.js';
import { maxLengthName, randomLanguage, title } from './localized-text.js';

/**
 * Each tree starts with this chain, every folder the child of the one before, so every size
 * has folders 7 deep (the migrator must recreate deep paths) with non-Latin names near the
 * bottom. The rest of each tree is random.
 */
const NESTED_CHAINS: Readonly<Record<FolderType, readonly string[]>> = {
  TEST_CASE: ['Releases', '2025', 'Web Shop', 'Checkout', 'Payments', 'Credit Cards', '3-D Secure 認証'],
  TEST_CYCLE: ['Regression', '2025', 'Q1', 'Sprint 1', 'Web', 'Chrome', 'Nightly 夜間'],
  TEST_PLAN: ['Programs', 'Retail', 'Web Shop', 'Release 2025.1', 'Hardening', 'Sign-off', 'Final שחרור'],
};

/** The deepest folder a random folder may be created in, to keep trees plausible. */
const MAX_DEPTH = 9;

export interface FolderTrees {
  /** All folders, test case tree first, then cycles, then plans; ids ascending. */
  readonly all: readonly DatasetFolder[];
  /** Folder ids of one tree. */
  readonly idsOf: Readonly<Record<FolderType, readonly number[]>>;
  /** The bottom of each tree's nested chain: where items that must sit deep are put. */
  readonly deepestOf: Readonly<Record<FolderType, number>>;
}

export function generateFolders(seed: number, spec: DatasetSizeSpec): FolderTrees {
  const all: DatasetFolder[] = [];
  const idsOf = { TEST_CASE: [], TEST_CYCLE: [], TEST_PLAN: [] } as Record<FolderType, number[]>;
  const counts: Record<FolderType, number> = {
    TEST_CASE: spec.testCaseFolders,
    TEST_CYCLE: spec.testCycleFolders,
    TEST_PLAN: spec.testPlanFolders,
  };
  for (const folderType of Object.keys(counts) as FolderType[]) {
    const tree = generateTree(seed, folderType, counts[folderType], ID_BASE.folder + all.length + 1);
    all.push(...tree);
    idsOf[folderType] = tree.map((folder) => folder.id);
  }
  const deepestOf = {} as Record<FolderType, number>;
  for (const folderType of Object.keys(counts) as FolderType[]) {
    deepestOf[folderType] = idsOf[folderType][NESTED_CHAINS[folderType].length - 1] as number;
  }
  return { all, idsOf, deepestOf };
}

function generateTree(seed: number, folderType: FolderType, count: number, firstId: number): DatasetFolder[] {
  const chain = NESTED_CHAINS[folderType];
  if (count < chain.length) throw new RangeError(`${folderType} needs at least ${chain.length} folders`);
  const folders: DatasetFolder[] = [];
  const depthOf = new Map<number | null, number>([[null, 0]]);
  const childNames = new Map<number | null, Set<string>>();
  const add = (parentId: number | null, wantedName: string) => {
    const siblings = childNames.get(parentId) ?? new Set<string>();
    childNames.set(parentId, siblings);
    // Zephyr refuses two folders of the same name under one parent.
    let name = wantedName;
    for (let copy = 2; siblings.has(name); copy++) name = `${wantedName} (${copy})`;
    const id = firstId + folders.length;
    folders.push({ id, parentId, name, index: siblings.size, folderType });
    siblings.add(name);
    depthOf.set(id, (depthOf.get(parentId) ?? 0) + 1);
  };

  for (const [level, name] of chain.entries()) add(level === 0 ? null : firstId + level - 1, name);
  for (let position = chain.length; position < count; position++) {
    const random = ItemRandom.of(seed, 'folder', folderType, position);
    const candidates = folders.filter((folder) => (depthOf.get(folder.id) ?? 0) < MAX_DEPTH);
    const parentId = random.chance(0.25) ? null : random.pick(candidates).id;
    // The first random test case folder has a name at Zephyr's 255-character limit.
    const name =
      folderType === 'TEST_CASE' && position === chain.length
        ? maxLengthName(random)
        : title(random, randomLanguage(random));
    add(parentId, name);
  }
  return folders;
}
