import type { DatasetUser } from '../dataset/zephyr-dataset.js';
import type { DatasetSizeSpec } from './dataset-sizes.js';
import type { FolderTrees } from './folders.js';

/** What every item builder needs: the seed, the size and the small collections items refer to. */
export interface GenerationContext {
  readonly seed: number;
  readonly projectKey: string;
  readonly spec: DatasetSizeSpec;
  readonly users: readonly DatasetUser[];
  readonly folders: FolderTrees;
}
