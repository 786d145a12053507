import type { CustomFieldValue } from '../../../model/canonical.js';
import type { QTestContext, QTestFieldTarget } from '../qtest-context.js';
import type { QTestProperty } from '../qtest-entities.js';
import { encodeFieldValue } from './encode-field-value.js';
import type { LossyNotes } from './lossy-notes.js';

/**
 * The `properties` of one entity. qTest refuses a field given twice, and two source values can
 * land in one field (a custom field renamed to `Labels`); the first keeps it and the other is
 * reported. Field defaults go last and only fill fields nothing else set.
 */
export class PropertyList {
  readonly #properties: QTestProperty[] = [];
  readonly #context: QTestContext;
  readonly #lossy: LossyNotes;

  constructor(context: QTestContext, lossy: LossyNotes) {
    this.#context = context;
    this.#lossy = lossy;
  }

  has(fieldId: number): boolean {
    return this.#properties.some((property) => property.field_id === fieldId);
  }

  /** Sets a value already in qTest's encoding (markers, decided allowed value ids). */
  set(fieldId: number, value: string, what: string): void {
    if (this.has(fieldId)) {
      this.#lossy.add('unmapped-value', `${what} not carried: its qTest field already holds another value`);
      return;
    }
    this.#properties.push({ field_id: fieldId, field_value: value });
  }

  /**
   * Sets a source value into `target`, or reports why it is not carried: `target` null means
   * the field is missing in qTest (not created, or left out by the mapping file).
   */
  setValue(target: QTestFieldTarget | null, value: Exclude<CustomFieldValue, null>, what: string): void {
    if (target === null) {
      this.#lossy.add('unmapped-value', `${what} not carried: no qTest field holds it`);
      return;
    }
    const encoded = encodeFieldValue(value, target, this.#context.users_map);
    if (encoded.lost !== undefined) this.#lossy.add(encoded.lost.kind, `${what}: ${encoded.lost.detail}`);
    if (encoded.value !== undefined) this.set(target.fieldId, encoded.value, what);
  }

  /** Adds the mapping file's values for fields this entity left empty. */
  fillDefaults(defaults: readonly { fieldId: number; value: string }[]): void {
    for (const { fieldId, value } of defaults) {
      if (!this.has(fieldId)) this.#properties.push({ field_id: fieldId, field_value: value });
    }
  }

  list(): QTestProperty[] {
    return this.#properties.map((property) => ({ ...property }));
  }
}
