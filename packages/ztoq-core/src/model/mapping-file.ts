/**
 * The mapping file (`--mapping FILE`, JSON): the user's answers to what the default mapping
 * cannot decide. Every key is optional; an empty object is a valid mapping file.
 */
export interface MappingFile {
  /** Source test-case priority name → target priority name. */
  testCasePriority?: Record<string, string>;
  /** Source test-case status name → target status name. */
  testCaseStatus?: Record<string, string>;
  /** Source execution status name → target execution status name. */
  executionStatus?: Record<string, string>;
  /** Source user id (Atlassian account id) → target user name, e-mail or id. */
  users?: Record<string, string | number>;
  /**
   * Source custom field name → target field label; `null` leaves the field out (and counts it
   * as lossy).
   */
  testCaseFields?: Record<string, string | null>;
  /**
   * Values for target fields that are required but that nothing in the source fills, by target
   * object type (`test-cases`, `test-runs`, `releases`) and field label.
   */
  fieldDefaults?: Record<string, Record<string, string>>;
}
