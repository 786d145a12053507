import { SourceAnswerInvalid } from '../../errors.js';

/**
 * The fields the spec marks required on each list item the streams read, and among them those it
 * declares as objects (links such as `priority: { id, self }`). The mapping reads these without
 * further checks, so an item without one would either be carried without it (a nameless test
 * case) or stop the whole read with a TypeError; checked here, it fails alone, with the endpoint
 * and the field named.
 */
const REQUIRED = {
  TestCase: {
    fields: ['id', 'key', 'name', 'priority', 'project', 'status'],
    objects: ['priority', 'project', 'status'],
  },
  TestPlan: { fields: ['id', 'key', 'name', 'project', 'status'], objects: ['project', 'status'] },
  TestCycle: { fields: ['id', 'key', 'name', 'project', 'status'], objects: ['project', 'status'] },
  TestExecution: {
    fields: ['id', 'project', 'testCase', 'testExecutionStatus'],
    objects: ['project', 'testCase', 'testExecutionStatus'],
  },
  // `parentId` is required too, but null at the root (FolderInput), so only its presence is checked.
  Folder: { fields: ['folderType', 'id', 'name', 'parentId'], objects: [] },
} as const satisfies Record<string, { fields: readonly string[]; objects: readonly string[] }>;

export type CheckedSchema = keyof typeof REQUIRED;

/** Throws `SourceAnswerInvalid` naming the endpoint, the item and the first field the spec is broken on. */
export function checkZephyrItem(schema: CheckedSchema, item: unknown, endpoint: string): void {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    throw new SourceAnswerInvalid(`Zephyr ${endpoint} answered a ${schema} that is not an object`);
  }
  const record = item as Record<string, unknown>;
  const which = `${schema} ${String(record.key ?? record.id ?? '(no key or id)')}`;
  const { fields, objects } = REQUIRED[schema];
  for (const field of fields) {
    if (record[field] === undefined) {
      throw new SourceAnswerInvalid(`Zephyr ${endpoint} answered ${which} without the required "${field}"`);
    }
  }
  for (const field of objects as readonly string[]) {
    const value = record[field];
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new SourceAnswerInvalid(
        `Zephyr ${endpoint} answered ${which} with "${field}": ${JSON.stringify(value)} where the spec promises an object`,
      );
    }
  }
}
