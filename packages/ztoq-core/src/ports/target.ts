import type { CanonicalEntityMap, CanonicalEntityType } from '../model/canonical.js';
import type { SourceCensus } from '../model/census.js';
import type { MappingFile } from '../model/mapping-file.js';
import type { JsonObject, JsonValue } from './state-store.js';

/**
 * A place tests go to. Like a kysely dialect, a target is two halves: a transport that talks
 * to the vendor (describe, preflight reads, find, create, verify) and a pure mapper from the
 * canonical model to the vendor's payloads. The engine owns ordering, batching, idempotency
 * (the id map), resume and accounting; the target never needs to know about the store.
 */
export interface Target {
  readonly name: string;
  readonly capabilities: TargetCapabilities;
  /** The target's entity types in the order they must be created (parents first). */
  readonly entityTypes: readonly string[];
  /**
   * Types whose verification also counts their children, by child type: `{ 'test-run':
   * 'test-log' }` makes validate tell each run how many logs were planned for it, so extra or
   * missing logs under a run show up even when every planned log exists.
   */
  readonly countedChildren?: Readonly<Record<string, string>>;
  /**
   * Checks that the credentials are accepted and the project exists and is writable; throws
   * `AuthError` for refused credentials and `ZtoqError` (exit code 2) for an unknown project.
   */
  describeProject(options?: { signal?: AbortSignal }): Promise<TargetProject>;
  /**
   * Reads what the mapping needs (fields, allowed values, statuses, users) and checks that
   * every value the source uses can be carried. Unless `dryRun`, it creates what is missing and
   * allowed to be created (custom fields, allowed values); with `dryRun` it only lists those
   * changes. Problems are returned, not thrown, so that all of them are reported at once.
   */
  preflight(census: SourceCensus, options: PreflightOptions): Promise<TargetPreflight>;
  /** The pure half: maps canonical entities to target entities using the preflight's context. */
  createMapper(context: JsonObject, options: MapperOptions): TargetMapper;
  /**
   * Looks for an entity a previous attempt may have created (its create was sent but never
   * confirmed), by the marker the mapper put on it. Resolves `undefined` when there is none.
   */
  find(entity: ResolvedEntity, options?: { signal?: AbortSignal }): Promise<CreatedEntity | undefined>;
  /**
   * Optional: whether the target already holds entities a migration of `projectKey` created,
   * answered with a read or two (never one per entity). A load whose store has no record of the
   * project then looks every entity up before creating it, so a lost store adopts instead of
   * duplicating. A target without it gets a lost store's entities created again.
   */
  holdsMigratedData?(projectKey: string, options?: { signal?: AbortSignal }): Promise<boolean>;
  create(entity: ResolvedEntity, options?: { signal?: AbortSignal }): Promise<CreatedEntity>;
  /**
   * Optional: writes a changed plan over an entity created earlier (its `targetId`), so edits in
   * the source reach the target. A target without it gets its changed entities reported, not
   * updated. Errors are classified like a create's.
   */
  update?(entity: LoadedEntity, options?: { signal?: AbortSignal }): Promise<CreatedEntity>;
  /** Reads a loaded entity back and lists every difference from what was planned. */
  verify(entity: LoadedEntity, options?: { signal?: AbortSignal }): Promise<Verification>;
  /**
   * Optional: every entity of `type` the target holds, by a few list reads instead of one read
   * each, so validate can read back one by one only what was written since it was last verified
   * and find the rest here. `undefined`: this type cannot be listed so; every entity is read back.
   */
  census?(type: string, options?: { signal?: AbortSignal }): Promise<TargetCensus | undefined>;
}

export interface TargetCensus {
  /** By target id: the facts `verify` would report of the entity (a test log's status). */
  readonly entities: ReadonlyMap<string, Record<string, JsonValue>>;
}

export interface TargetCapabilities {
  readonly supportsAttachments: boolean;
  /** Whether called steps can be created as calls (qTest's API: no, so they are expanded). */
  readonly supportsCallToTest: boolean;
  /** Whether test cycles take custom field values (qTest: no, they go to the description). */
  readonly supportsCycleCustomFields: boolean;
  /** Whether earlier test case versions can be created (qTest: no). */
  readonly supportsVersionHistory: boolean;
}

export interface TargetProject {
  id: string;
  name: string;
}

export interface PreflightOptions {
  mapping: MappingFile;
  /** Create custom fields and allowed values that are missing (`--no-create-fields` turns it off). */
  createFields: boolean;
  dryRun: boolean;
  /** The name of the root containers; empty string puts everything at the target's top level. */
  targetRoot: string;
  signal?: AbortSignal;
}

export interface TargetPreflight {
  /** JSON the mapper needs (field ids, allowed values, status ids, user ids); stored with the run. */
  context: JsonObject;
  /** Everything that stops a load, each naming the value and the mapping-file key that fixes it. */
  problems: PreflightProblem[];
  /** What preflight created, or with `dryRun` would create, in the target's settings. */
  changes: PreflightChange[];
}

export interface PreflightProblem {
  /** e.g. `executionStatus`, `testCasePriority`, `requiredField`. */
  kind: string;
  /** The source value that cannot be carried. */
  value: string;
  /** The mapping-file path that would fix it, e.g. `executionStatus["Retest"]`. */
  mappingKey?: string;
  message: string;
}

export interface PreflightChange {
  /** e.g. `field`, `allowed-value`. */
  kind: string;
  /** The target object type the change is made on, e.g. `test-cases`. */
  objectType: string;
  name: string;
  /** `created` or, in a dry run, `would-create`. */
  action: 'created' | 'would-create';
}

export interface MapperOptions {
  projectKey: string;
  mapping: MappingFile;
  targetRoot: string;
}

/**
 * Read access to other source entities while mapping one (called test cases, lookups). Lookups
 * (statuses, priorities, environments, folders) are small and held in memory; test cases are
 * read from the store on demand.
 */
export interface MappingLookups {
  status(id: string): CanonicalEntityMap['status'] | undefined;
  priority(id: string): CanonicalEntityMap['priority'] | undefined;
  environment(id: string): CanonicalEntityMap['environment'] | undefined;
  folder(id: string): CanonicalEntityMap['folder'] | undefined;
  testPlan(id: string): CanonicalEntityMap['test-plan'] | undefined;
  testCycle(id: string): CanonicalEntityMap['test-cycle'] | undefined;
  testCase(key: string): Promise<CanonicalEntityMap['test-case'] | undefined>;
}

export interface TargetMapper {
  /** Entities that exist for every project (root containers, the ad-hoc cycle). */
  containers(): PlannedEntity[];
  /**
   * Maps one source entity to the target entities it becomes: none (a status), one (a test
   * case), or several (an execution becomes its run and its log). Several executions may plan
   * the same run; the plans are equal and the store keeps one.
   */
  map<T extends CanonicalEntityType>(
    type: T,
    entity: CanonicalEntityMap[T],
    lookups: MappingLookups,
  ): Promise<PlannedEntity[]>;
}

/** A reference to another target entity, resolved through the id map before create. */
export interface EntityRef {
  type: string;
  sourceId: string;
}

export type LossyKind =
  | 'older-versions'
  | 'unmapped-user'
  | 'attachment-reference'
  | 'call-to-test-expanded'
  | 'unmapped-value'
  | 'not-supported';

/** Something the target could not carry as the source had it; counted and listed in the report. */
export interface LossyNote {
  kind: LossyKind;
  message: string;
  /** How many of the thing were lost (versions not carried, image references). */
  count?: number;
}

/** One thing to create in the target, as stored by the transform phase. */
export interface PlannedEntity {
  type: string;
  /** Unique within the type and project; page order is byte order of this id. */
  sourceId: string;
  /** Depth for types that nest in themselves (modules, cycles); parents have lower levels. */
  level?: number;
  /**
   * Planned again, identically, by other source entities (a run by each of its executions, the
   * ad-hoc cycle by every ad-hoc execution); the engine counts it once.
   */
  shared?: boolean;
  /** Entities sharing a sequence key are created one at a time, in source id order (logs of a run). */
  sequenceKey?: string;
  /** Named references the payload needs (`parent`, `testCase`, `run`). */
  refs: Record<string, EntityRef>;
  /** The target payload, with references left symbolic. */
  body: JsonObject;
  /** What `find` matches on. */
  marker: JsonObject;
  lossy: LossyNote[];
  /** Human-readable name for reports. */
  label: string;
}

export interface ResolvedRef {
  targetId: string;
  data: JsonObject | null;
}

export interface ResolvedEntity {
  type: string;
  sourceId: string;
  body: JsonObject;
  marker: JsonObject;
  refs: Record<string, ResolvedRef>;
}

export interface CreatedEntity {
  targetId: string;
  /** What later entities need from this one (e.g. a test case's step ids), kept in the id map. */
  data?: JsonObject;
}

export interface LoadedEntity extends ResolvedEntity {
  targetId: string;
  data: JsonObject | null;
  /** Planned children by type, for the types in `Target.countedChildren`. */
  expectedChildren?: Record<string, number>;
}

export interface Verification {
  exists: boolean;
  /** One line each: `step 2 expected result: "x" ≠ "y"`. Empty when the entity matches. */
  differences: string[];
  /** For the per-type status tallies of the report (e.g. a run's log statuses). */
  facts?: JsonObject;
}
