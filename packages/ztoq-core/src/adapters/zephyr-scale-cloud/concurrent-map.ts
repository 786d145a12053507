/**
 * `items.map(work)` with at most `limit` calls in flight, results in the order of `items`.
 *
 * The per-item requests of a page (steps, versions, step results) are independent, so running
 * them side by side hides their latency; the HTTP layer below still enforces the API's own
 * concurrency and rate budget. After the first failure no further item is started, and the
 * failure is thrown once the calls already running have settled, so none is left dangling.
 */
export async function concurrentMap<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`concurrentMap: limit must be a whole number of at least 1, got ${limit}`);
  }
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      const index = next++;
      try {
        results[index] = await work(items[index] as T, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== undefined) throw failure.error;
  return results;
}
