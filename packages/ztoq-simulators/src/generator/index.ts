export {
  CUSTOM_FIELDS,
  type CustomFieldDefinition,
  type CustomFieldEntity,
  type CustomFieldKind,
} from './custom-fields.js';
export { DATASET_SIZES, type DatasetSizeSpec } from './dataset-sizes.js';
export { type GenerateDatasetOptions, generateDataset } from './generate-dataset.js';
