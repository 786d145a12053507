import type { DatasetSizeSpec } from './dataset-sizes.js';
import { ItemRandom } from './item-random.js';
import { SHOWCASE_AD_HOC, SHOWCASE_CYCLE_ITEMS } from './showcase.js';

/**
 * Which test case each execution ran, in which cycle, and which run of that cycle item it was,
 * for all executions at once in typed arrays (12 bytes per execution with the by-case index,
 * 2.4 MB for the large set). Everything else about an execution is generated on demand from its index.
 *
 * Executions are grouped by cycle in contiguous index ranges, cycle after cycle, followed by the
 * ad-hoc ones. A cycle covers a window of consecutive test cases (as a cycle covers a folder),
 * and the runs of one case in one cycle are adjacent, oldest first.
 */
export interface ExecutionLayout {
  readonly count: number;
  caseIndexOf(execution: number): number;
  /** undefined for an ad-hoc execution. */
  cycleIndexOf(execution: number): number | undefined;
  /** Position of the execution within its cycle (or among the ad-hoc ones) and that group's size. */
  positionInGroup(execution: number): { position: number; size: number };
  /** 1-based: which run of its cycle item this is. */
  attemptOf(execution: number): number;
  /** How many runs its cycle item has (1 for ad-hoc executions). */
  attemptsOf(execution: number): number;
  executionsOfCycle(cycleIndex: number): number[];
  executionsOfCase(caseIndex: number): number[];
}

/** How many times one case is run in one cycle: mostly once, re-runs after failures now and then. */
const ATTEMPT_WEIGHTS: readonly (readonly [number, number])[] = [
  [1, 80],
  [2, 13],
  [3, 5],
  [4, 2],
];

export function layOutExecutions(seed: number, spec: DatasetSizeSpec): ExecutionLayout {
  const total = spec.executions;
  const caseOf = new Int32Array(total);
  const attemptOf = new Uint16Array(total);
  const attemptsOf = new Uint16Array(total);
  // cycleStart[c] is the first execution of cycle c; cycleStart[cycles] is the first ad-hoc one.
  const cycleStart = new Int32Array(spec.testCycles + 1);
  const sizes = cycleSizes(seed, spec);

  let next = 0;
  const addItem = (caseIndex: number, attempts: number) => {
    for (let attempt = 1; attempt <= attempts; attempt++, next++) {
      caseOf[next] = caseIndex;
      attemptOf[next] = attempt;
      attemptsOf[next] = attempts;
    }
  };
  sizes.forEach((size, cycle) => {
    cycleStart[cycle] = next;
    if (cycle === 0) {
      for (const item of SHOWCASE_CYCLE_ITEMS) addItem(item.caseIndex, item.statuses.length);
      return;
    }
    const random = ItemRandom.of(seed, 'cycleItems', cycle);
    const firstCase = random.int(0, spec.testCases - 1);
    let remaining = size;
    for (let item = 0; remaining > 0; item++) {
      // Each case once per cycle; should a cycle run out of cases, its last one takes the rest.
      const isLastCase = item === spec.testCases - 1;
      const attempts = isLastCase ? remaining : Math.min(random.weighted(ATTEMPT_WEIGHTS), remaining);
      addItem((firstCase + item) % spec.testCases, attempts);
      remaining -= attempts;
    }
  });
  cycleStart[spec.testCycles] = next;
  for (let adHoc = 0; next < total; adHoc++) {
    const caseIndex =
      adHoc === 0
        ? SHOWCASE_AD_HOC.caseIndex
        : ItemRandom.of(seed, 'adHocCase', adHoc).int(0, spec.testCases - 1);
    addItem(caseIndex, 1);
  }

  const byCase = groupByCase(caseOf, spec.testCases);
  const cycleIndexOf = (execution: number) => {
    const cycle = lastStartAtOrBefore(cycleStart, execution);
    return cycle < spec.testCycles ? cycle : undefined;
  };
  return {
    count: total,
    caseIndexOf: (execution) => caseOf[execution] as number,
    cycleIndexOf,
    positionInGroup(execution) {
      const group = lastStartAtOrBefore(cycleStart, execution);
      const start = cycleStart[group] as number;
      const end = group < spec.testCycles ? (cycleStart[group + 1] as number) : total;
      return { position: execution - start, size: end - start };
    },
    attemptOf: (execution) => attemptOf[execution] as number,
    attemptsOf: (execution) => attemptsOf[execution] as number,
    executionsOfCycle(cycleIndex) {
      const start = cycleStart[cycleIndex] as number;
      const end = cycleStart[cycleIndex + 1] as number;
      return Array.from({ length: end - start }, (_, offset) => start + offset);
    },
    executionsOfCase(caseIndex) {
      return Array.from(byCase.executions.subarray(byCase.start[caseIndex], byCase.start[caseIndex + 1]));
    },
  };
}

/**
 * Executions per cycle: the first cycle holds the showcase runs; the other cycles share the rest
 * of the non-ad-hoc executions in random proportions, with exact totals.
 */
function cycleSizes(seed: number, spec: DatasetSizeSpec): number[] {
  const showcaseRuns = SHOWCASE_CYCLE_ITEMS.reduce((sum, item) => sum + item.statuses.length, 0);
  const rest = spec.executions - spec.adHocExecutions - showcaseRuns;
  if (rest < 0 || spec.testCycles < 2) throw new RangeError('too few executions or cycles for the showcase');
  const weights = Array.from({ length: spec.testCycles - 1 }, (_, offset) =>
    ItemRandom.of(seed, 'cycleWeight', offset + 1).int(20, 180),
  );
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
  const sizes = weights.map((weight) => Math.floor((rest * weight) / totalWeight));
  // Rounding down leaves fewer than one execution per cycle over; hand those out one by one.
  let leftOver = rest - sizes.reduce((sum, size) => sum + size, 0);
  for (let cycle = 0; leftOver > 0; cycle = (cycle + 1) % sizes.length, leftOver--) sizes[cycle]! += 1;
  return [showcaseRuns, ...sizes];
}

/** Execution indexes grouped by test case, ascending within each: a compressed sparse row index. */
function groupByCase(caseOf: Int32Array, caseCount: number): { start: Int32Array; executions: Int32Array } {
  const start = new Int32Array(caseCount + 1);
  for (const caseIndex of caseOf) start[caseIndex + 1]! += 1;
  for (let caseIndex = 0; caseIndex < caseCount; caseIndex++) start[caseIndex + 1]! += start[caseIndex]!;
  const fill = start.slice(0, caseCount);
  const executions = new Int32Array(caseOf.length);
  caseOf.forEach((caseIndex, execution) => {
    executions[fill[caseIndex]!++] = execution;
  });
  return { start, executions };
}

/** The last index whose start is at or before `value` (binary search over ascending starts). */
function lastStartAtOrBefore(starts: Int32Array, value: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] as number) <= value) low = middle;
    else high = middle - 1;
  }
  return low;
}
