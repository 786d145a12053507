import { ZtoqError } from '../../errors.js';
import type { PreflightChange } from '../../ports/target.js';
import { classifyWriteFailure } from '../../ports/write-failure.js';
import type { QTestFieldChange, QTestFieldObjectType } from './qtest-context.js';
import { ALLOWED_VALUES_PER_CALL, type QTestFieldResource, type QTestTransport } from './qtest-transport.js';

/** Sends of one settings write whose outcome stayed unknown, each after a look that found nothing. */
const WRITE_ATTEMPTS = 3;

/**
 * Makes the field changes preflight planned, one request at a time so that a failure leaves a
 * state the next preflight reads and plans from. That re-planning is what makes this
 * idempotent: a second preflight plans no field whose label exists, so it never creates a
 * second one. Within one run, a write whose answer was lost is looked up before giving up, so
 * the changes after it still happen; a write that cannot be confirmed stops preflight with the
 * original error.
 */
export async function applyFieldChanges(
  transport: QTestTransport,
  changes: readonly QTestFieldChange[],
  signal?: AbortSignal,
): Promise<void> {
  for (const change of changes) {
    if (change.kind === 'field') {
      const [first = [], ...rest] = chunks(change.allowedValues);
      const field = await createField(transport, change, first, signal);
      for (const values of rest) await addAllowedValues(transport, change.objectType, field, values, signal);
    } else {
      const field = { id: change.fieldId, label: change.label };
      for (const values of chunks(change.values)) {
        await addAllowedValues(transport, change.objectType, field, values, signal);
      }
    }
  }
}

/** What preflight reports: each field, and each allowed value, created or (dry run) to create. */
export function describeFieldChanges(
  changes: readonly QTestFieldChange[],
  action: PreflightChange['action'],
): PreflightChange[] {
  return changes.flatMap((change) => {
    const values = change.kind === 'field' ? change.allowedValues : change.values;
    const field: PreflightChange[] =
      change.kind === 'field'
        ? [{ kind: 'field', objectType: change.objectType, name: change.label, action }]
        : [];
    return [
      ...field,
      ...values.map(
        (value): PreflightChange => ({
          kind: 'allowed-value',
          objectType: change.objectType,
          name: `${change.label}: ${value}`,
          action,
        }),
      ),
    ];
  });
}

interface CreatedField {
  id: number;
  label: string;
}

/**
 * The field with its first allowed values. The spec caps only `…/allowed-values` at 100 per
 * call and says nothing of a field created with its values; the same cap is assumed, and the
 * rest are added afterwards.
 */
async function createField(
  transport: QTestTransport,
  change: Extract<QTestFieldChange, { kind: 'field' }>,
  allowedValues: readonly string[],
  signal: AbortSignal | undefined,
): Promise<CreatedField> {
  const body: QTestFieldResource = {
    label: change.label,
    data_type: change.dataType,
    multiple: change.multiple,
    required: false,
    // The `Zephyr Key` marker is found by search, which needs searchable fields.
    searchable: true,
    is_active: true,
    ...(allowedValues.length === 0 ? {} : { allowed_values: allowedValues.map((label) => ({ label })) }),
  };
  for (let attempt = 1; ; attempt += 1) {
    try {
      const created = await transport.createField(change.objectType, body, signal);
      if (created.id !== undefined) return { id: created.id, label: change.label };
      break;
    } catch (error) {
      if (classifyWriteFailure(error) !== 'unknown') throw error;
      // The answer is lost or the request never arrived: look, and only then send it again.
      const existing = await fieldLabelled(transport, change.objectType, change.label, signal);
      if (existing !== undefined) return existing;
      if (attempt >= WRITE_ATTEMPTS) throw error;
    }
  }
  // Created, but answered without the id the allowed values need: read it back.
  const existing = await fieldLabelled(transport, change.objectType, change.label, signal);
  if (existing === undefined) {
    throw new ZtoqError(
      `qTest created the ${change.objectType} field "${change.label}" but does not list it`,
    );
  }
  return existing;
}

async function addAllowedValues(
  transport: QTestTransport,
  objectType: QTestFieldObjectType,
  field: CreatedField,
  values: readonly string[],
  signal: AbortSignal | undefined,
): Promise<void> {
  let missing = values;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await transport.addAllowedValues(objectType, field.id, missing, signal);
      return;
    } catch (error) {
      if (classifyWriteFailure(error) !== 'unknown') throw error;
      // Lost answer or not: the values are there or they are not; send only the missing ones again.
      const listed = await fieldLabelled(transport, objectType, field.label, signal);
      const present = new Set(listed?.allowedValues.map((label) => label.trim().toLowerCase()));
      missing = missing.filter((value) => !present.has(value.trim().toLowerCase()));
      if (missing.length === 0) return;
      if (attempt >= WRITE_ATTEMPTS) throw error;
    }
  }
}

/**
 * Labels match trimmed and in any case, as the mapping matches them; the spec does not say
 * how qTest compares labels when it refuses a duplicate, so the loosest reading is taken.
 */
async function fieldLabelled(
  transport: QTestTransport,
  objectType: QTestFieldObjectType,
  label: string,
  signal: AbortSignal | undefined,
): Promise<(CreatedField & { allowedValues: string[] }) | undefined> {
  const wanted = label.trim().toLowerCase();
  const field = (await transport.listFields(objectType, signal)).find(
    (candidate) => candidate.label.trim().toLowerCase() === wanted,
  );
  if (field?.id === undefined) return undefined;
  return {
    id: field.id,
    label: field.label,
    allowedValues: (field.allowed_values ?? []).flatMap((allowed) =>
      allowed.label === undefined ? [] : [allowed.label],
    ),
  };
}

function chunks(values: readonly string[]): string[][] {
  const result: string[][] = [];
  for (let start = 0; start < values.length; start += ALLOWED_VALUES_PER_CALL) {
    result.push(values.slice(start, start + ALLOWED_VALUES_PER_CALL));
  }
  return result;
}
