import { ZtoqError } from '../../errors.js';
import type { JsonValue } from '../../ports/state-store.js';

/**
 * Where a Zephyr stream stands. A stream reads one or more paged lists in turn ("segments":
 * the folder types, the status types, the test cases of a rehearsal), so a position is the
 * segment and the offset within it; `done` means nothing is left to read.
 *
 * Resuming at an offset assumes Zephyr lists in a stable order in which new items come last
 * (the spec is silent; the simulator lists by id): offset paging is all the v2 API offers.
 * The segment is named (a folder type, a test case key), not numbered, so a
 * checkpoint cannot silently point into the wrong list.
 */
export type ZephyrCheckpoint = { segment: string; startAt: number } | { done: true };

export const DONE: ZephyrCheckpoint = { done: true };

/** Reads a stored checkpoint back; one this adapter did not write (or another stream's) is refused. */
export function parseCheckpoint(
  checkpoint: JsonValue | undefined,
  segments: readonly string[],
  stream: string,
): ZephyrCheckpoint {
  const first = segments[0];
  if (checkpoint === undefined || checkpoint === null) {
    return first === undefined ? DONE : { segment: first, startAt: 0 };
  }
  if (typeof checkpoint === 'object' && !Array.isArray(checkpoint)) {
    if (checkpoint.done === true) return DONE;
    const { segment, startAt } = checkpoint;
    if (
      typeof segment === 'string' &&
      segments.includes(segment) &&
      typeof startAt === 'number' &&
      Number.isSafeInteger(startAt) &&
      startAt >= 0
    ) {
      return { segment, startAt };
    }
  }
  throw new ZtoqError(
    `The stored checkpoint of the Zephyr ${stream} stream cannot be resumed from: ${JSON.stringify(checkpoint)}`,
  );
}
