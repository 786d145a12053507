import type { DatasetSize } from '../dataset/zephyr-dataset.js';

/** How many of each thing a named data set holds; every count is exact. */
export interface DatasetSizeSpec {
  /** Build test cases and executions on demand instead of keeping them all in memory. */
  readonly lazy: boolean;
  readonly testCases: number;
  /** Per folder type; each tree holds one chain of 7 nested folders, so at least 7. */
  readonly testCaseFolders: number;
  readonly testCycleFolders: number;
  readonly testPlanFolders: number;
  readonly testCycles: number;
  readonly testPlans: number;
  /** All executions, ad-hoc ones included. */
  readonly executions: number;
  /** Executions run outside any cycle; they are the last ones in id order. */
  readonly adHocExecutions: number;
  readonly users: number;
}

export const DATASET_SIZES: Readonly<Record<DatasetSize, DatasetSizeSpec>> = {
  /** For unit tests: small enough to read in a failure message, still one of every feature. */
  tiny: {
    lazy: false,
    testCases: 10,
    testCaseFolders: 8,
    testCycleFolders: 7,
    testPlanFolders: 7,
    testCycles: 4,
    testPlans: 2,
    executions: 20,
    adHocExecutions: 2,
    users: 4,
  },
  /**
   * For fault drills that run whole migrations several times: enough executions per test run and
   * enough requests for faults and token expiries to land, a fraction of demo's cost.
   */
  small: {
    lazy: false,
    testCases: 60,
    testCaseFolders: 12,
    testCycleFolders: 8,
    testPlanFolders: 7,
    testCycles: 8,
    testPlans: 3,
    executions: 480,
    adHocExecutions: 12,
    users: 6,
  },
  /** For the demo and end-to-end tests: a realistic small team project. */
  demo: {
    lazy: false,
    testCases: 300,
    testCaseFolders: 40,
    testCycleFolders: 12,
    testPlanFolders: 8,
    testCycles: 30,
    testPlans: 8,
    executions: 3_000,
    adHocExecutions: 60,
    users: 12,
  },
  /** For benchmarks: generated lazily, test cases and executions are built on demand. */
  large: {
    lazy: true,
    testCases: 20_000,
    testCaseFolders: 400,
    testCycleFolders: 60,
    testPlanFolders: 20,
    testCycles: 400,
    testPlans: 40,
    executions: 200_000,
    adHocExecutions: 2_000,
    users: 60,
  },
};
