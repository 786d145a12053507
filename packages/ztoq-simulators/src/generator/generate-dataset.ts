import { materializedDataset } from '../dataset/materialized-dataset.js';
import type { DatasetSize, DatasetTestCase, ZephyrDataset } from '../dataset/zephyr-dataset.js';
import { DATASET_SIZES } from './dataset-sizes.js';
import { layOutExecutions } from './execution-layout.js';
import { generateFolders } from './folders.js';
import type { GenerationContext } from './generation-context.js';
import { ID_BASE, JIRA_PROJECT_ID, PROJECT_KEY_PATTERN } from './identifiers.js';
import { lazyDataset, type SmallCollections } from './lazy-dataset.js';
import { linkPlansToCycles } from './plan-cycle-links.js';
import { ENVIRONMENTS, PRIORITIES, STATUSES } from './project-configuration.js';
import { SHOWCASE_TEST_CASES } from './showcase.js';
import { generateTestCycles } from './test-cycles.js';
import type { ExecutionSources } from './test-executions.js';
import { generateTestPlans } from './test-plans.js';
import { generateUsers } from './users.js';

export interface GenerateDatasetOptions {
  /** Any safe integer; the same seed and size always give the same data. */
  readonly seed: number;
  readonly size: DatasetSize;
  /** Zephyr project key, `[A-Z][A-Z_0-9]+`; defaults to DEMO. */
  readonly projectKey?: string;
}

/**
 * A Zephyr Scale project's whole test history, deterministic in seed and size. `tiny` and `demo`
 * are built in full; `large` builds only its small collections and an execution layout, and
 * builds test cases and executions when they are asked for.
 */
export function generateDataset(options: GenerateDatasetOptions): ZephyrDataset {
  const { collections, sources } = datasetSources(options);
  const dataset = lazyDataset(collections, sources);
  return sources.context.spec.lazy ? dataset : materialize(collections, dataset);
}

/**
 * The same data set as `generateDataset`, but built on demand whatever the size, so tests can
 * hold what the lazy builders give against the small sizes in full.
 */
export function generateLazyDataset(options: GenerateDatasetOptions): ZephyrDataset {
  const { collections, sources } = datasetSources(options);
  return lazyDataset(collections, sources);
}

/** The small collections, built in full, and what test cases and executions are built from. */
function datasetSources(options: GenerateDatasetOptions): {
  collections: SmallCollections;
  sources: ExecutionSources;
} {
  const { seed, size, projectKey = 'DEMO' } = options;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  if (!PROJECT_KEY_PATTERN.test(projectKey)) throw new RangeError(`invalid Zephyr project key ${projectKey}`);
  const spec = DATASET_SIZES[size];
  if (spec.testCases < SHOWCASE_TEST_CASES.length) throw new RangeError(`${size} has too few test cases`);

  const context: GenerationContext = {
    seed,
    projectKey,
    spec,
    users: generateUsers(seed, spec.users),
    folders: generateFolders(seed, spec),
  };
  const links = linkPlansToCycles(seed, spec.testPlans, spec.testCycles);
  const testCycles = generateTestCycles(context, links);
  const collections: SmallCollections = {
    seed,
    size,
    project: { id: ID_BASE.project + 1, jiraProjectId: JIRA_PROJECT_ID, key: projectKey },
    users: context.users,
    folders: context.folders.all,
    statuses: STATUSES,
    priorities: PRIORITIES,
    environments: ENVIRONMENTS,
    testCycles,
    testPlans: generateTestPlans(context, links),
  };
  return { collections, sources: { context, layout: layOutExecutions(seed, spec), cycles: testCycles } };
}

/** Builds every item of `dataset` once and keeps them, with the lookups `materializedDataset` derives. */
function materialize(collections: SmallCollections, dataset: ZephyrDataset): ZephyrDataset {
  const testCases = Array.from({ length: dataset.testCases.count }, (_, index) =>
    dataset.testCases.at(index),
  );
  const olderVersions: Record<string, DatasetTestCase[]> = {};
  for (const testCase of testCases) {
    if (testCase.version === 1) continue;
    olderVersions[testCase.key] = Array.from({ length: testCase.version - 1 }, (_, older) => {
      const version = dataset.testCaseVersion(testCase.key, older + 1);
      if (!version) throw new Error(`${testCase.key} has no version ${older + 1}`);
      return version;
    });
  }
  const { testExecutions } = dataset;
  return materializedDataset({
    ...collections,
    testCases,
    testExecutions: Array.from({ length: testExecutions.count }, (_, index) => testExecutions.at(index)),
    olderVersions,
  });
}
