/**
 * Where the spec contradicts itself, the simulator answers as the service does (see
 * representations.ts) and only these exact deviations are let through:
 * - a root folder's `parentId` is null (the Folder schema types it as an id; FolderInput says
 *   it "must be null for root folders");
 * - custom field values are plain JSON values (the schema says objects; the spec's own example
 *   has `"Build Number": 20`).
 */
export function withoutKnownSpecDefects(problems: readonly string[], body: unknown): string[] {
  return problems.filter((problem) => {
    const match = /^(\/.*) must be (integer|object)$/.exec(problem);
    if (!match?.[1]) return true;
    const [, pointer, type] = match;
    const value = valueAtPointer(body, pointer);
    if (type === 'integer' && pointer.endsWith('/parentId') && value === null) return false;
    const isPlainValue = value === null || typeof value !== 'object' || Array.isArray(value);
    return !(type === 'object' && /\/customFields\/[^/]+$/.test(pointer) && isPlainValue);
  });
}

function valueAtPointer(value: unknown, pointer: string): unknown {
  let current = value;
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
