import PQueue from 'p-queue';

/**
 * Runs `work` for every item with at most `concurrency` at a time, except that items sharing a
 * sequence key run one after another in the given order (the logs of one run, oldest first).
 * Results come back in input order.
 */
export async function runInSequences<T, R>(
  items: readonly T[],
  sequenceKey: (item: T) => string | undefined,
  concurrency: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const groups = new Map<string, number[]>();
  items.forEach((item, index) => {
    const key = sequenceKey(item) ?? `\u0000${index}`;
    groups.set(key, [...(groups.get(key) ?? []), index]);
  });
  const results = new Array<R>(items.length);
  const queue = new PQueue({ concurrency });
  const failures: unknown[] = [];
  for (const indexes of groups.values()) {
    queue
      .add(async () => {
        for (const index of indexes) results[index] = await work(items[index] as T);
      })
      // Every group finishes before the first failure is rethrown, so no work is left running.
      .catch((error: unknown) => failures.push(error));
  }
  await queue.onIdle();
  if (failures.length > 0) throw failures[0];
  return results;
}
