/**
 * The canonical model: a test-management project as the engine sees it, independent of any
 * vendor. A `Source` produces these entities; the store keeps them as the extracted payloads;
 * a `Target` maps them to its own shapes. Ids are strings because vendor ids may exceed what
 * a JavaScript number holds exactly and some sources address entities by key.
 *
 * Every entity is plain JSON (dates are ISO 8601 strings, durations milliseconds) so that it
 * hashes and round-trips through the store unchanged.
 */

/** The streams of a project, in the order they are extracted (lookups before their users). */
export const CANONICAL_ENTITY_TYPES = [
  'folder',
  'status',
  'priority',
  'environment',
  'test-case',
  'test-plan',
  'test-cycle',
  'test-execution',
] as const;
export type CanonicalEntityType = (typeof CANONICAL_ENTITY_TYPES)[number];

export type FolderKind = 'test-case' | 'test-plan' | 'test-cycle';
export type StatusKind = 'test-case' | 'test-plan' | 'test-cycle' | 'test-execution';
export type LinkKind = 'coverage' | 'blocks' | 'related';

/** A custom field value as the source holds it; `null` is an unset field. */
export type CustomFieldValue = string | number | boolean | string[] | null;
/**
 * Values by field name. Text uses `<br>` for line breaks when the source writes HTML; dates
 * are `yyyy-MM-dd`; users are the source's user ids (see `CanonicalUserRef`).
 */
export type CustomFields = Record<string, CustomFieldValue>;

export interface CanonicalFolder {
  id: string;
  /** null for a root folder. */
  parentId: string | null;
  name: string;
  /** Order among siblings. */
  index: number;
  kind: FolderKind;
}

export interface CanonicalStatus {
  /** Unique among all statuses of the project, whatever their kind: one stream holds them all. */
  id: string;
  kind: StatusKind;
  name: string;
  description?: string;
  archived: boolean;
  isDefault: boolean;
}

export interface CanonicalPriority {
  id: string;
  name: string;
  description?: string;
  isDefault: boolean;
}

export interface CanonicalEnvironment {
  id: string;
  name: string;
  description?: string;
  archived: boolean;
}

/** A link to an issue of the tracker the source belongs to (Zephyr: a Jira issue id, no key). */
export interface CanonicalIssueLink {
  issueId: string;
  /** Where the issue can be read, when the source says. */
  url?: string;
  kind: LinkKind;
}

export interface CanonicalWebLink {
  url: string;
  description?: string;
  kind: LinkKind;
}

export interface CanonicalLinks {
  issues: CanonicalIssueLink[];
  webLinks: CanonicalWebLink[];
}

export interface CanonicalInlineStep {
  kind: 'inline';
  description?: string;
  testData?: string;
  expectedResult?: string;
  customFields?: CustomFields;
}

/** Call-to-test: the called case's steps run here, with these parameter values. */
export interface CanonicalCallStep {
  kind: 'call';
  testCaseKey: string;
  parameters: { name: string; value: string }[];
}

export type CanonicalStep = CanonicalInlineStep | CanonicalCallStep;

/** What a test case consists of: steps, a plain or BDD script, or nothing yet. */
export type CanonicalTestContent =
  | { kind: 'steps'; steps: CanonicalStep[] }
  | { kind: 'plain' | 'bdd'; text: string }
  | { kind: 'none' };

export interface CanonicalTestCase {
  id: string;
  /** The key people use (`PROJ-T1`); the target's idempotency marker. */
  key: string;
  name: string;
  /** HTML or plain text, as the source holds it. */
  objective?: string;
  precondition?: string;
  estimatedTimeMs?: number;
  labels: string[];
  /** The tracker component's id; Zephyr gives no name. */
  componentId?: string;
  priorityId: string;
  statusId: string;
  /** A `test-case` folder; absent at the root. */
  folderId?: string;
  ownerId?: string;
  createdOn?: string;
  customFields: CustomFields;
  links: CanonicalLinks;
  content: CanonicalTestContent;
  /** The version this entity describes (the latest) and how many versions exist in all. */
  version: number;
  versionCount: number;
}

export interface CanonicalTestPlan {
  id: string;
  key: string;
  name: string;
  objective?: string;
  statusId: string;
  folderId?: string;
  ownerId?: string;
  labels: string[];
  customFields: CustomFields;
  links: CanonicalLinks;
  /** Ids of the cycles linked to the plan. */
  testCycleIds: string[];
}

export interface CanonicalTestCycle {
  id: string;
  key: string;
  name: string;
  description?: string;
  statusId: string;
  /** A `test-cycle` folder; absent at the root. */
  folderId?: string;
  /** The tracker's release/version id, when the cycle belongs to one. */
  releaseVersionId?: string;
  plannedStartDate?: string;
  plannedEndDate?: string;
  ownerId?: string;
  customFields: CustomFields;
  links: CanonicalLinks;
  /** Ids of the plans the cycle is linked to, in the source's order. */
  testPlanIds: string[];
}

export interface CanonicalStepResult {
  statusId: string;
  actualResult?: string;
  description?: string;
  expectedResult?: string;
  testData?: string;
}

export interface CanonicalTestExecution {
  id: string;
  key: string;
  testCaseKey: string;
  /** The test case version that was executed. */
  testCaseVersion: number;
  /** Absent for an ad-hoc execution. */
  testCycleId?: string;
  environmentId?: string;
  statusId: string;
  /** Absent when the execution was never run. */
  actualEndDate?: string;
  executionTimeMs?: number;
  estimatedTimeMs?: number;
  executedById?: string;
  assignedToId?: string;
  comment?: string;
  automated: boolean;
  customFields: CustomFields;
  issueLinks: CanonicalIssueLink[];
  /** One per executed step, by position. */
  stepResults: CanonicalStepResult[];
}

export interface CanonicalEntityMap {
  folder: CanonicalFolder;
  status: CanonicalStatus;
  priority: CanonicalPriority;
  environment: CanonicalEnvironment;
  'test-case': CanonicalTestCase;
  'test-plan': CanonicalTestPlan;
  'test-cycle': CanonicalTestCycle;
  'test-execution': CanonicalTestExecution;
}

export type CanonicalEntity = CanonicalEntityMap[CanonicalEntityType];

/**
 * The store's source id of an entity: unique within its type and project, and ordered so that
 * store pages come back in a useful order. Keys sort badly as text (`T10` before `T2`), so
 * numeric suffixes are zero-padded.
 */
export function canonicalSourceId(type: CanonicalEntityType, entity: CanonicalEntity): string {
  switch (type) {
    case 'test-case':
    case 'test-plan':
    case 'test-cycle':
    case 'test-execution':
      return sortableKey((entity as { key: string }).key);
    default:
      return sortableKey(entity.id);
  }
}

/** `PROJ-T12` → `PROJ-T000000000012`; `42` → `000000000042`; other text is kept. */
export function sortableKey(key: string): string {
  return key.replace(/\d+$/, (digits) => digits.padStart(12, '0'));
}
