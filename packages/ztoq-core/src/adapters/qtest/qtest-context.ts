/**
 * The qTest target's half-time contract: what preflight (transport) learns and decides, and
 * what the mapper (pure) uses to build payloads. It is JSON so that the engine can store it
 * with the run and a later transform, or a dry run, maps exactly the same way.
 *
 * Ids are numbers here because qTest's field ids, allowed-value ids and status ids are int64
 * values far below 2^53 in practice, and the API takes them as JSON numbers.
 */

/** The object types whose field settings the mapping uses. */
export type QTestFieldObjectType = 'test-cases' | 'test-runs' | 'releases';

export interface QTestAllowedValue {
  value: number;
  label: string;
}

export interface QTestField {
  id: number;
  label: string;
  /** qTest data_type code: 1 text box, 2 text area, 3 combo box, 4 date, 5 user, 6 rich text, 7 number, 8 check box, 9 date-time, 12 URL, 17 multi-select. */
  dataType: number;
  multiple: boolean;
  required: boolean;
  systemField: boolean;
  allowedValues: QTestAllowedValue[];
  /** qTest's `default_value`, when the field has one: a required field with it needs no value from us. */
  defaultValue?: string;
}

export interface QTestUser {
  id: number;
  username: string;
  email: string;
  firstName: string;
  lastName: string;
}

/** Where a Zephyr test-case value goes: a qTest field of the test case. */
export interface QTestFieldTarget {
  fieldId: number;
  dataType: number;
  /** Allowed values by label, for pick lists. */
  allowedValues: QTestAllowedValue[];
}

export interface QTestContext {
  projectId: number;
  /** Field settings as read (after preflight's creations), by object type. */
  fields: Record<QTestFieldObjectType, QTestField[]>;
  executionStatuses: { id: number; name: string }[];
  users: QTestUser[];
  /** The marker field `Zephyr Key` (text) on test cases and on releases. */
  zephyrKeyField: { 'test-cases': number; releases: number };
  /** The test run field `Environment` (combo box), when any execution has an environment. */
  environmentField: QTestFieldTarget | null;
  /** The system fields of test cases. */
  priorityField: QTestFieldTarget;
  statusField: QTestFieldTarget;
  /** Decisions: source name → qTest allowed value / status id, after exact, case-insensitive, mapping file and defaults. */
  testCasePriority: Record<string, number>;
  testCaseStatus: Record<string, number>;
  executionStatus: Record<string, number>;
  /** Source user id → qTest user id, for the users the mapping file names and that exist. */
  users_map: Record<string, number>;
  /**
   * Test case attributes without a qTest counterpart, each carried in a custom field with this
   * label: `Labels` (multi-select), `Component` (text), `Owner` (text), `Estimated Time`
   * (number, minutes). `null` when the field is missing and was not created.
   */
  attributeFields: {
    labels: QTestFieldTarget | null;
    component: QTestFieldTarget | null;
    owner: QTestFieldTarget | null;
    estimatedTime: QTestFieldTarget | null;
  };
  /** Zephyr test-case custom field name → qTest field; `null` when it is not carried (lossy). */
  customFields: Record<string, QTestFieldTarget | null>;
  /** Required fields the mapping does not fill, with the value from `fieldDefaults` to send. */
  fieldDefaults: Record<QTestFieldObjectType, { fieldId: number; value: string }[]>;
}

/** What preflight reads from qTest before deciding anything. */
export interface QTestSettings {
  projectId: number;
  fields: Record<QTestFieldObjectType, QTestField[]>;
  executionStatuses: { id: number; name: string }[];
  users: QTestUser[];
}

/** A field or allowed values preflight creates (or, in a dry run, would create). */
export type QTestFieldChange =
  | {
      kind: 'field';
      objectType: QTestFieldObjectType;
      label: string;
      dataType: number;
      multiple: boolean;
      /** Labels of the allowed values to create with a pick-list field. */
      allowedValues: string[];
    }
  | {
      kind: 'allowed-values';
      objectType: QTestFieldObjectType;
      fieldId: number;
      label: string;
      /** Labels to add (the API takes at most 100 per call). */
      values: string[];
    };
