import type { SourceCensus } from '../../../model/census.js';
import type { MappingFile } from '../../../model/mapping-file.js';
import type { PreflightProblem } from '../../../ports/target.js';
import type {
  QTestContext,
  QTestField,
  QTestFieldObjectType,
  QTestFieldTarget,
  QTestSettings,
} from '../qtest-context.js';
import { customFieldLabel } from './custom-field-label.js';
import { isTextual } from './data-types.js';
import { decideFieldDefaults } from './decide-field-defaults.js';
import { decideUsers } from './decide-users.js';
import { decideValues } from './decide-values.js';
import {
  DEFAULT_EXECUTION_STATUSES,
  DEFAULT_PRIORITIES,
  DEFAULT_TEST_CASE_STATUSES,
} from './default-decisions.js';
import { FIELD_LABEL } from './field-labels.js';
import { findByName } from './find-by-name.js';
import { findField } from './find-field.js';

/** Stands in for a field that is missing; the problem reported with it stops the load. */
const MISSING_FIELD_ID = 0;

/**
 * Everything the mapper needs, decided once from what qTest has (after preflight's changes, or
 * with them planned for a dry run): field ids, how each source name maps, which users exist.
 * Every value that cannot be carried and stops a load is a problem; values that can be carried
 * with a loss (unmapped users, fields not created) are left to the mapper's lossy notes.
 */
export function buildQTestContext(
  census: SourceCensus,
  settings: QTestSettings,
  options: { mapping: MappingFile; createFields: boolean },
): { context: QTestContext; problems: PreflightProblem[] } {
  const { mapping } = options;
  const problems: PreflightProblem[] = [];

  const markerField = (objectType: 'test-cases' | 'releases'): number => {
    const field = findField(settings, objectType, FIELD_LABEL.zephyrKey);
    if (field !== undefined && isTextual(field.dataType)) return field.id;
    problems.push({
      kind: 'markerField',
      value: FIELD_LABEL.zephyrKey,
      message:
        field === undefined
          ? `qTest has no ${objectType} field "${FIELD_LABEL.zephyrKey}"; ztoq stores each Zephyr key there to find what it created. ${
              options.createFields
                ? 'Preflight could not create it; create it as a text field.'
                : 'Create it as a text field, or run without --no-create-fields.'
            }`
          : `The qTest ${objectType} field "${field.label}" is not a text field (data type ${field.dataType}); ztoq stores Zephyr keys there. Change or rename it.`,
    });
    return MISSING_FIELD_ID;
  };
  const zephyrKeyField = { 'test-cases': markerField('test-cases'), releases: markerField('releases') };

  const systemField = (label: string): QTestFieldTarget | undefined => {
    const fields = settings.fields['test-cases'];
    const field =
      findByName(
        fields.filter((candidate) => candidate.systemField),
        label,
        (candidate) => candidate.label,
      ) ?? findField(settings, 'test-cases', label);
    if (field !== undefined) return toTarget(field);
    problems.push({
      kind: 'systemField',
      value: label,
      message: `qTest has no test-cases field "${label}"; Zephyr's test-case ${label.toLowerCase()} values need it.`,
    });
    return undefined;
  };
  const priorityField = systemField(FIELD_LABEL.priority);
  const statusField = systemField(FIELD_LABEL.status);

  const allowedTargets = (field: QTestFieldTarget) =>
    field.allowedValues.map((allowed) => ({ id: allowed.value, name: allowed.label }));
  const priorities = decideValues({
    section: 'testCasePriority',
    noun: 'test-case priority',
    names: priorityField === undefined ? [] : census.testCasePriorities,
    targets: priorityField === undefined ? [] : allowedTargets(priorityField),
    mapping: mapping.testCasePriority,
    defaults: DEFAULT_PRIORITIES,
  });
  const statuses = decideValues({
    section: 'testCaseStatus',
    noun: 'test-case status',
    names: statusField === undefined ? [] : census.testCaseStatuses,
    targets: statusField === undefined ? [] : allowedTargets(statusField),
    mapping: mapping.testCaseStatus,
    defaults: DEFAULT_TEST_CASE_STATUSES,
  });
  const executionStatuses = decideValues({
    section: 'executionStatus',
    noun: 'execution status',
    names: census.executionStatuses,
    targets: settings.executionStatuses,
    mapping: mapping.executionStatus,
    defaults: DEFAULT_EXECUTION_STATUSES,
  });
  // Without the field, mapping-file entries for its values cannot be checked; the missing
  // field is the problem to fix first.
  problems.push(
    ...(priorityField === undefined ? [] : priorities.problems),
    ...(statusField === undefined ? [] : statuses.problems),
    ...executionStatuses.problems,
  );

  const users = decideUsers(census.users, settings.users, mapping);
  problems.push(...users.problems);

  const optionalField = (objectType: QTestFieldObjectType, label: string) => {
    const field = findField(settings, objectType, label);
    return field === undefined ? null : toTarget(field);
  };
  const customFields: QTestContext['customFields'] = {};
  for (const field of census.testCaseFields) {
    const label = customFieldLabel(field.name, mapping);
    customFields[field.name] = label === null ? null : optionalField('test-cases', label);
  }

  const fallbackField: QTestFieldTarget = { fieldId: MISSING_FIELD_ID, dataType: 3, allowedValues: [] };
  const resolvedPriority = priorityField ?? fallbackField;
  const resolvedStatus = statusField ?? fallbackField;
  const defaults = decideFieldDefaults(settings, mapping, {
    'test-cases': new Set([zephyrKeyField['test-cases'], resolvedPriority.fieldId, resolvedStatus.fieldId]),
    'test-runs': new Set(),
    releases: new Set([zephyrKeyField.releases]),
  });
  problems.push(...defaults.problems);

  const context: QTestContext = {
    projectId: settings.projectId,
    fields: settings.fields,
    executionStatuses: settings.executionStatuses,
    users: settings.users,
    zephyrKeyField,
    environmentField:
      census.environments.length > 0 ? optionalField('test-runs', FIELD_LABEL.environment) : null,
    priorityField: resolvedPriority,
    statusField: resolvedStatus,
    testCasePriority: priorities.decisions,
    testCaseStatus: statuses.decisions,
    executionStatus: executionStatuses.decisions,
    users_map: users.usersMap,
    attributeFields: {
      labels: optionalField('test-cases', FIELD_LABEL.labels),
      component: optionalField('test-cases', FIELD_LABEL.component),
      owner: optionalField('test-cases', FIELD_LABEL.owner),
      estimatedTime: optionalField('test-cases', FIELD_LABEL.estimatedTime),
    },
    customFields,
    fieldDefaults: defaults.fieldDefaults,
  };
  return { context, problems };
}

function toTarget(field: QTestField): QTestFieldTarget {
  return {
    fieldId: field.id,
    dataType: field.dataType,
    allowedValues: field.allowedValues.map((allowed) => ({ value: allowed.value, label: allowed.label })),
  };
}
