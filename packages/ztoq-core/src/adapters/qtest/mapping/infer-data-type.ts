import type { CensusField } from '../../../model/census.js';
import { DATA_TYPE } from './data-types.js';
import { NO, YES } from './field-labels.js';

export interface InferredType {
  dataType: number;
  multiple: boolean;
  /** Allowed values to offer, for pick lists. */
  values: string[];
}

/**
 * The qTest field a Zephyr custom field needs, from the kinds of values seen (Zephyr has no
 * endpoint that describes its fields). `undefined` when no value was ever set: there is nothing
 * to carry, so no field is made for it.
 */
export function inferDataType(field: CensusField): InferredType | undefined {
  const kinds = new Set(field.kinds);
  if (kinds.size === 0) return undefined;
  if (kinds.size === 1) {
    switch (field.kinds[0]) {
      case 'multiline':
        return text(DATA_TYPE.textArea);
      case 'number':
        return text(DATA_TYPE.number);
      case 'boolean':
        return { dataType: DATA_TYPE.comboBox, multiple: false, values: [YES, NO] };
      case 'date':
        return text(DATA_TYPE.datePicker);
      case 'list':
        // A list with more distinct values than the census keeps cannot become a pick list
        // whose values are all known up front; its values are carried as text instead.
        return field.manyValues
          ? text(DATA_TYPE.textBox)
          : { dataType: DATA_TYPE.multiSelect, multiple: true, values: [...field.values] };
      default:
        return text(DATA_TYPE.textBox);
    }
  }
  // Multi-line text fields hold single-line values too; a text area holds both without loss.
  if (kinds.size === 2 && kinds.has('text') && kinds.has('multiline')) return text(DATA_TYPE.textArea);
  return text(DATA_TYPE.textBox);
}

function text(dataType: number): InferredType {
  return { dataType, multiple: false, values: [] };
}
