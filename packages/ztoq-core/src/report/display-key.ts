/**
 * The store's sortable source id as people write it: `DEMO-T000000000012` → `DEMO-T12`,
 * `folder-000000000123` → `folder-123`. Ids without twelve trailing digits are kept, so the
 * inverse of `sortableKey` never touches a key that was not padded.
 */
export function displayKey(sourceId: string): string {
  return sourceId.replace(/\d{12,}$/, (digits) => digits.replace(/^0+(?=\d)/, ''));
}
