import type { MappingFile } from '../../../model/mapping-file.js';

/**
 * The qTest label a Zephyr test-case custom field is carried in: its own name unless the
 * mapping file renames it; `null` when the mapping file leaves it out.
 */
export function customFieldLabel(name: string, mapping: MappingFile): string | null {
  const fields = mapping.testCaseFields;
  if (fields !== undefined && Object.hasOwn(fields, name)) return fields[name] ?? null;
  return name;
}
