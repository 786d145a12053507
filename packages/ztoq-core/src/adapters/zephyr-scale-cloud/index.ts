export type { ZephyrCheckpoint } from './zephyr-checkpoint.js';
// The pure mapping is public for tools that hold Zephyr responses already (fixtures, imports);
// as a namespace, so its short names (`folderOf`, `linksOf`) cannot clash with other adapters'.
export * as zephyrMapping from './zephyr-mapping.js';
export {
  ZEPHYR_API_LABEL,
  ZEPHYR_SCALE_CLOUD_CAPABILITIES,
  type ZephyrScaleCloudOptions,
  zephyrScaleCloud,
} from './zephyr-scale-cloud-source.js';
