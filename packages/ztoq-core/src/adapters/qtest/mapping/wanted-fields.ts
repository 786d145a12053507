import type { SourceCensus } from '../../../model/census.js';
import type { MappingFile } from '../../../model/mapping-file.js';
import type { QTestFieldObjectType } from '../qtest-context.js';
import { customFieldLabel } from './custom-field-label.js';
import { DATA_TYPE } from './data-types.js';
import { FIELD_LABEL } from './field-labels.js';
import { inferDataType } from './infer-data-type.js';

/** A field the census needs in qTest, with the allowed values a pick list must offer. */
export interface WantedField {
  objectType: QTestFieldObjectType;
  label: string;
  dataType: number;
  multiple: boolean;
  values: string[];
}

/**
 * Every field the source's values need, in a stable order: the markers first, then the run
 * environment, the test-case attributes and the custom fields in census order. Two wants of
 * the same label (a custom field called `Labels`) are one field; the first decides its type
 * and the allowed values are merged.
 */
export function wantedFields(census: SourceCensus, mapping: MappingFile): WantedField[] {
  const wanted: WantedField[] = [];
  const add = (field: WantedField) => {
    const folded = field.label.toLowerCase();
    const same = wanted.find(
      (existing) => existing.objectType === field.objectType && existing.label.toLowerCase() === folded,
    );
    if (same === undefined) wanted.push({ ...field, values: distinct(field.values) });
    else same.values = distinct([...same.values, ...field.values]);
  };
  const text = (objectType: QTestFieldObjectType, label: string, dataType: number = DATA_TYPE.textBox) =>
    add({ objectType, label, dataType, multiple: false, values: [] });

  text('test-cases', FIELD_LABEL.zephyrKey);
  text('releases', FIELD_LABEL.zephyrKey);
  if (census.environments.length > 0) {
    add({
      objectType: 'test-runs',
      label: FIELD_LABEL.environment,
      dataType: DATA_TYPE.comboBox,
      multiple: false,
      values: census.environments,
    });
  }
  const attributes = census.testCaseAttributes;
  if (attributes.labels.length > 0) {
    add({
      objectType: 'test-cases',
      label: FIELD_LABEL.labels,
      dataType: DATA_TYPE.multiSelect,
      multiple: true,
      values: attributes.labels,
    });
  }
  if (attributes.components.length > 0) text('test-cases', FIELD_LABEL.component);
  if (attributes.owners) text('test-cases', FIELD_LABEL.owner);
  if (attributes.estimatedTime) text('test-cases', FIELD_LABEL.estimatedTime, DATA_TYPE.number);
  for (const field of census.testCaseFields) {
    const label = customFieldLabel(field.name, mapping);
    const type = inferDataType(field);
    if (label === null || type === undefined) continue;
    add({ objectType: 'test-cases', label, ...type });
  }
  return wanted;
}

/** Values without repeats, ignoring case (qTest compares allowed values that way in its forms). */
function distinct(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const folded = value.toLowerCase();
    if (seen.has(folded)) return false;
    seen.add(folded);
    return true;
  });
}
