import { ZtoqError } from '../../errors.js';
import type { QTestField, QTestFieldObjectType, QTestSettings, QTestUser } from './qtest-context.js';
import type {
  QTestFieldResource,
  QTestStatusResource,
  QTestTransport,
  QTestUserResource,
} from './qtest-transport.js';

/**
 * Everything preflight decides from, read in parallel: the field settings of test cases, test
 * runs and releases with their allowed values, the execution statuses, and the project's users.
 * Five requests. Only what can take a value is kept: active fields (qTest's default answer),
 * active allowed values and statuses, active users (qTest's default answer).
 */
export async function readQTestSettings(
  transport: QTestTransport,
  signal?: AbortSignal,
): Promise<QTestSettings> {
  const [testCases, testRuns, releases, statuses, users] = await Promise.all([
    transport.listFields('test-cases', signal),
    transport.listFields('test-runs', signal),
    transport.listFields('releases', signal),
    transport.listExecutionStatuses(signal),
    transport.listProjectUsers(signal),
  ]);
  const fieldsOf = (objectType: QTestFieldObjectType, resources: QTestFieldResource[]) =>
    resources.filter((field) => field.is_active !== false).map((field) => qtestField(field, objectType));
  return {
    projectId: transport.projectId,
    fields: {
      'test-cases': fieldsOf('test-cases', testCases),
      'test-runs': fieldsOf('test-runs', testRuns),
      releases: fieldsOf('releases', releases),
    },
    executionStatuses: statuses.filter((status) => status.active !== false).map(executionStatus),
    users: users.map(qtestUser),
  };
}

function qtestField(field: QTestFieldResource, objectType: QTestFieldObjectType): QTestField {
  if (field.id === undefined)
    throw new ZtoqError(`qTest answered a ${objectType} field "${field.label}" without an id`);
  return {
    id: field.id,
    label: field.label,
    dataType: field.data_type ?? 0,
    multiple: field.multiple ?? false,
    required: field.required ?? false,
    systemField: field.system_field ?? false,
    // An empty default is no default: qTest would still refuse the required field without a value.
    ...(field.default_value ? { defaultValue: field.default_value } : {}),
    allowedValues: (field.allowed_values ?? []).flatMap((allowed) =>
      allowed.is_active === false || allowed.value === undefined || allowed.label === undefined
        ? []
        : [{ value: allowed.value, label: allowed.label }],
    ),
  };
}

function executionStatus(status: QTestStatusResource): { id: number; name: string } {
  if (status.id === undefined || status.name === undefined) {
    throw new ZtoqError('qTest answered an execution status without an id or a name');
  }
  return { id: status.id, name: status.name };
}

function qtestUser(user: QTestUserResource): QTestUser {
  if (user.id === undefined)
    throw new ZtoqError(`qTest answered project user "${user.username}" without an id`);
  return {
    id: user.id,
    username: user.username ?? '',
    email: user.email ?? '',
    firstName: user.first_name ?? '',
    lastName: user.last_name ?? '',
  };
}
