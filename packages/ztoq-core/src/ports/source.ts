import type { CanonicalEntityMap, CanonicalEntityType } from '../model/canonical.js';
import type { JsonValue } from './state-store.js';

/**
 * A place tests come from. The required part is small: describe the project and read each
 * stream page by page. Everything a source cannot provide is declared in its capabilities, so
 * the engine can say up front, in the plan and the report, what will be lossy.
 */
export interface Source {
  /** Shown in logs and reports, e.g. `Zephyr Scale Cloud`. */
  readonly name: string;
  readonly capabilities: SourceCapabilities;
  /**
   * Checks that the project exists and the credentials may read it; throws `AuthError` for
   * refused credentials and `ZtoqError` (exit code 2) for an unknown project.
   */
  describeProject(projectKey: string, options?: { signal?: AbortSignal }): Promise<SourceProject>;
  /**
   * Reads one stream from where `checkpoint` says the previous read stopped (from the start
   * when absent). Each page carries the checkpoint to store with it, so that a crash between
   * pages resumes after the last stored page and never skips one.
   */
  readStream<T extends CanonicalEntityType>(
    type: T,
    request: StreamReadRequest,
  ): AsyncIterable<SourcePage<CanonicalEntityMap[T]>>;
}

export interface SourceCapabilities {
  /** Whether attachments can be read at all (Zephyr Scale Cloud v2: no). */
  readonly supportsAttachments: boolean;
  /** Whether earlier versions of a test case can be read. */
  readonly supportsVersions: boolean;
  /** Whether steps may call other test cases. */
  readonly supportsCallToTest: boolean;
}

export interface SourceProject {
  key: string;
  /** The source's own id of the project. */
  id: string;
  /** What the project holds, when the source can count cheaply; used for progress estimates. */
  estimatedCounts?: Partial<Record<CanonicalEntityType, number>>;
}

export interface StreamReadRequest {
  projectKey: string;
  /** Where to continue; `undefined` reads from the start. */
  checkpoint?: JsonValue;
  /**
   * A rehearsal: read only the first `limit` test cases and only their executions. Lookups,
   * folders, plans and cycles are read in full. The engine then takes the first `limit` test
   * cases in `sortableKey` order as the rehearsal's cases, so a source lists them in that order.
   */
  limit?: number;
  /** Test case keys the rehearsal covers, given when reading executions under a `limit`. */
  testCaseKeys?: readonly string[];
  /** Per-item requests (steps, scripts, versions) run concurrently up to this many. */
  maxWorkers: number;
  signal?: AbortSignal;
}

export interface SourcePage<T> {
  entities: T[];
  /**
   * Items of the page the source could not read because its answer broke the API's spec; the
   * engine records each as failed and stores the rest. `sourceId` is what the entity's id in
   * the store would be (`canonicalSourceId`), so a later successful read clears the failure.
   */
  failures?: SourceItemFailure[];
  /** Stored with the page; passed back as `StreamReadRequest.checkpoint` to continue after it. */
  checkpoint: JsonValue;
}

export interface SourceItemFailure {
  sourceId: string;
  /** One line in the source's words: the endpoint and what was wrong. */
  error: string;
}
