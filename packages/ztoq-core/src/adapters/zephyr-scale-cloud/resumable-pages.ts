import {
  ZEPHYR_PAGE_SIZE,
  type ZephyrListRequest,
  type ZephyrPagedPath,
  type ZephyrPageItem,
} from '../../api/zephyr-paging.js';
import type { JsonValue } from '../../ports/state-store.js';
import { DONE, parseCheckpoint, type ZephyrCheckpoint } from './zephyr-checkpoint.js';
import { nextStartAt, type ZephyrTransport } from './zephyr-transport.js';

/** One paged list a stream reads, named for its checkpoint. */
export interface Segment<P extends ZephyrPagedPath> {
  readonly name: string;
  readonly request: ZephyrListRequest<P>;
}

export interface ResumablePage<P extends ZephyrPagedPath> {
  readonly segment: string;
  readonly items: ZephyrPageItem<P>[];
  /** Where the read continues after this page. */
  readonly checkpoint: ZephyrCheckpoint;
}

export interface ResumablePagesOptions {
  readonly stream: string;
  readonly checkpoint: JsonValue | undefined;
  /**
   * Stop after this many more items (the rest of a rehearsal's budget). The last page is cut to
   * fit and its checkpoint says `done`, so resuming after it reads nothing more.
   */
  readonly itemBudget?: number;
  readonly signal: AbortSignal | undefined;
}

/**
 * Reads the segments' pages in turn from where `checkpoint` says, each page with the checkpoint
 * to store with it. A page is one server page, so a crash between two costs at most the page
 * being read; pages with no items are not handed out (their checkpoint would add nothing).
 */
export async function* resumablePages<P extends ZephyrPagedPath>(
  transport: ZephyrTransport,
  path: P,
  segments: readonly Segment<P>[],
  options: ResumablePagesOptions,
): AsyncGenerator<ResumablePage<P>, void, undefined> {
  const names = segments.map((segment) => segment.name);
  const position = parseCheckpoint(options.checkpoint, names, options.stream);
  if ('done' in position) return;
  let index = names.indexOf(position.segment);
  let startAt = position.startAt;
  let budget = options.itemBudget;
  while (index < segments.length) {
    const segment = segments[index] as Segment<P>;
    if (budget !== undefined && budget <= 0) return;
    const maxResults = pageSizeFor(startAt, budget);
    const page = await transport.page(path, segment.request, startAt, maxResults, options.signal);
    const served = (page.values ?? []) as ZephyrPageItem<P>[];
    const items = budget === undefined ? served : served.slice(0, budget);
    if (budget !== undefined) budget -= items.length;

    const next = nextStartAt(path, startAt, page);
    let checkpoint: ZephyrCheckpoint;
    if (budget === 0) {
      checkpoint = DONE;
    } else if (next !== undefined) {
      checkpoint = { segment: segment.name, startAt: next };
    } else {
      const following = segments[index + 1];
      checkpoint = following === undefined ? DONE : { segment: following.name, startAt: 0 };
    }

    if (items.length > 0) yield { segment: segment.name, items, checkpoint };
    if ('done' in checkpoint) return;
    if (checkpoint.segment !== segment.name) index++;
    startAt = checkpoint.startAt;
  }
}

/**
 * A small budget asks for a small page, so a rehearsal of 5 cases does not download 1000. The
 * spec says `startAt` "should be a multiple of maxResults", so the smaller page is asked for
 * only where that holds (always at 0); elsewhere the full page is read and cut.
 */
function pageSizeFor(startAt: number, budget: number | undefined): number {
  if (budget === undefined || budget >= ZEPHYR_PAGE_SIZE || budget <= 0) return ZEPHYR_PAGE_SIZE;
  return startAt % budget === 0 ? budget : ZEPHYR_PAGE_SIZE;
}
