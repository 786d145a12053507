import type { DatasetExecutionSummary, LazyList } from '../dataset/zephyr-dataset.js';

/** The conditions of `GET /testexecutions` that need a look at every execution. */
export interface ExecutionConditions {
  /** Epoch milliseconds; executions that never ran have no end date and never match. */
  readonly endedAfter?: number;
  readonly endedBefore?: number;
  readonly jiraProjectVersionId?: number;
  readonly onlyLastExecutions: boolean;
}

export function needsExecutionIndex(conditions: ExecutionConditions): boolean {
  return (
    conditions.endedAfter !== undefined ||
    conditions.endedBefore !== undefined ||
    conditions.jiraProjectVersionId !== undefined ||
    conditions.onlyLastExecutions
  );
}

const NO_CYCLE = 0;
const NO_VERSION = 0;

/**
 * Columns of the few execution fields the list filters compare (end time, cycle, test case,
 * Jira version), so that filtering 200,000 executions scans numbers instead of rebuilding every
 * execution on each request. Filled by one pass over the execution summaries (a whole execution
 * costs far more to build) the first time a filter needs it, and extended when executions are
 * created.
 */
export class ExecutionIndex {
  readonly #summaries: LazyList<DatasetExecutionSummary>;
  readonly #testCasePosition: (key: string) => number | undefined;
  /** Deleted executions (a test-only edit of the store) are never the last of their item. */
  readonly #isDeleted: (position: number) => boolean;
  /** Epoch milliseconds, NaN for an execution that never ran. */
  readonly #endTimes: number[] = [];
  readonly #ids: number[] = [];
  readonly #cycleIds: number[] = [];
  readonly #testCasePositions: number[] = [];
  readonly #jiraProjectVersionIds: number[] = [];
  #lastOfItem: Uint8Array | undefined;

  constructor(
    summaries: LazyList<DatasetExecutionSummary>,
    testCasePosition: (key: string) => number | undefined,
    isDeleted: (position: number) => boolean = () => false,
  ) {
    this.#summaries = summaries;
    this.#testCasePosition = testCasePosition;
    this.#isDeleted = isDeleted;
  }

  matches(position: number, conditions: ExecutionConditions): boolean {
    this.#catchUp();
    const endTime = this.#endTimes[position] ?? Number.NaN;
    if (conditions.endedAfter !== undefined && !(endTime > conditions.endedAfter)) return false;
    if (conditions.endedBefore !== undefined && !(endTime < conditions.endedBefore)) return false;
    if (
      conditions.jiraProjectVersionId !== undefined &&
      this.#jiraProjectVersionIds[position] !== conditions.jiraProjectVersionId
    ) {
      return false;
    }
    return !conditions.onlyLastExecutions || this.#lastOfItemFlags()[position] === 1;
  }

  #catchUp(): void {
    const count = this.#summaries.count;
    if (this.#endTimes.length === count) return;
    for (let position = this.#endTimes.length; position < count; position++) {
      const summary = this.#summaries.at(position);
      this.#endTimes.push(
        summary.actualEndDate === undefined ? Number.NaN : Date.parse(summary.actualEndDate),
      );
      this.#ids.push(summary.id);
      this.#cycleIds.push(summary.testCycleId ?? NO_CYCLE);
      this.#testCasePositions.push(this.#testCasePosition(summary.testCaseKey) ?? -1);
      this.#jiraProjectVersionIds.push(summary.jiraProjectVersionId ?? NO_VERSION);
    }
    // A new execution can be the new last one of its cycle item.
    this.#lastOfItem = undefined;
  }

  /**
   * "Only the last execution of each test cycle item (test case), and all ad-hoc test
   * executions" (spec). Last means latest `actualEndDate`, then highest id. Assumption: an
   * execution that has not run yet counts as later than every run one, as it is the pending
   * attempt the cycle item shows as its current result.
   */
  #lastOfItemFlags(): Uint8Array {
    if (this.#lastOfItem) return this.#lastOfItem;
    const flags = new Uint8Array(this.#endTimes.length);
    const lastByItem = new Map<number, Map<number, number>>();
    for (let position = 0; position < flags.length; position++) {
      if (this.#isDeleted(position)) continue;
      const cycleId = this.#cycleIds[position] ?? NO_CYCLE;
      if (cycleId === NO_CYCLE) {
        flags[position] = 1;
        continue;
      }
      const testCasePosition = this.#testCasePositions[position] ?? -1;
      let lastOfCycle = lastByItem.get(cycleId);
      if (!lastOfCycle) {
        lastOfCycle = new Map();
        lastByItem.set(cycleId, lastOfCycle);
      }
      const current = lastOfCycle.get(testCasePosition);
      if (current === undefined || this.#isLater(position, current))
        lastOfCycle.set(testCasePosition, position);
    }
    for (const lastOfCycle of lastByItem.values())
      for (const position of lastOfCycle.values()) flags[position] = 1;
    this.#lastOfItem = flags;
    return flags;
  }

  #isLater(position: number, than: number): boolean {
    const end = endTimeForOrdering(this.#endTimes[position]);
    const otherEnd = endTimeForOrdering(this.#endTimes[than]);
    if (end !== otherEnd) return end > otherEnd;
    return (this.#ids[position] ?? 0) > (this.#ids[than] ?? 0);
  }
}

function endTimeForOrdering(endTime: number | undefined): number {
  return endTime === undefined || Number.isNaN(endTime) ? Number.POSITIVE_INFINITY : endTime;
}
