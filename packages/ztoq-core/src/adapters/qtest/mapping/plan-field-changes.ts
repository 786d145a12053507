import type { SourceCensus } from '../../../model/census.js';
import type { MappingFile } from '../../../model/mapping-file.js';
import type { QTestFieldChange, QTestSettings } from '../qtest-context.js';
import { isPickList } from './data-types.js';
import { findByName } from './find-by-name.js';
import { findField } from './find-field.js';
import { wantedFields } from './wanted-fields.js';

/**
 * The fields and allowed values preflight must create so every source value has a place.
 * Existing fields are reused whatever their type (the mapper encodes values for the type it
 * finds); only pick lists get the allowed values they lack. With `createFields` off nothing is
 * created: the context then marks those values lossy, and a missing `Zephyr Key` is a problem.
 */
export function planFieldChanges(
  census: SourceCensus,
  settings: QTestSettings,
  options: { mapping: MappingFile; createFields: boolean },
): QTestFieldChange[] {
  if (!options.createFields) return [];
  const changes: QTestFieldChange[] = [];
  for (const wanted of wantedFields(census, options.mapping)) {
    const existing = findField(settings, wanted.objectType, wanted.label);
    if (existing === undefined) {
      changes.push({
        kind: 'field',
        objectType: wanted.objectType,
        label: wanted.label,
        dataType: wanted.dataType,
        multiple: wanted.multiple,
        allowedValues: isPickList(wanted.dataType) ? wanted.values : [],
      });
      continue;
    }
    if (!isPickList(existing.dataType)) continue;
    const missing = wanted.values.filter(
      (value) => findByName(existing.allowedValues, value, (allowed) => allowed.label) === undefined,
    );
    if (missing.length > 0) {
      changes.push({
        kind: 'allowed-values',
        objectType: wanted.objectType,
        fieldId: existing.id,
        label: existing.label,
        values: missing,
      });
    }
  }
  return changes;
}
