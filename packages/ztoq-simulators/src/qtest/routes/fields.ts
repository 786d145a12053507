import type { qtestApi } from '@ztoq/core';
import { queryBoolean } from '../../server/query-parameters.js';
import { SimHttpError, type SimRequest, type SimulatorServer } from '../../server/simulator-server.js';
import {
  DATA_TYPE,
  DATA_TYPE_CODES,
  MULTIPLE_TYPES,
  PICKLIST_TYPES,
  userListValues,
} from '../field-values.js';
import { PAGE_SIZE_PAGING, pageOf, pageRequest } from '../paging.js';
import {
  FIELD_OBJECT_TYPES,
  type FieldObjectType,
  type QTestStore,
  type StoredField,
} from '../qtest-store.js';
import { allowedValue, ProjectResources } from '../resources.js';
import { allowedValuesBody, fieldBody, parseBody } from '../validation.js';
import { found, projectOf } from './route-support.js';

type AllowedValueResponse = qtestApi.components['schemas']['AllowedValueResponseResource'];

/** Fields can be read for every object type of the spec but created for all but test steps. */
const CREATABLE_OBJECT_TYPES = FIELD_OBJECT_TYPES.filter((type) => type !== 'test-steps');

/** Field settings per object type: fields, their allowed values, custom field creation (API-NOTES B.5). */
export function registerFieldRoutes(server: SimulatorServer, store: QTestStore): void {
  const base = '/api/v3/projects/{projectId}/settings/{objectType}/fields';

  server.route('GET', base, (request) => {
    const project = projectOf(store, request);
    const objectType = objectTypeOf(request, FIELD_OBJECT_TYPES);
    const includeInactive = queryBoolean(request.query, 'includeInactive', false);
    const resources = new ProjectResources(store, project, request.url.origin);
    const fields = project.fieldsOf(objectType).filter((field) => includeInactive || field.isActive);
    return { status: 200, body: fields.map((field) => resources.field(field)) };
  });

  server.route('POST', base, (request) => {
    const project = projectOf(store, request);
    const objectType = objectTypeOf(request, CREATABLE_OBJECT_TYPES);
    const body = parseBody(request, fieldBody);
    if (!DATA_TYPE_CODES.has(body.data_type)) {
      throw new SimHttpError(
        400,
        `data_type ${body.data_type} is not one of ${[...DATA_TYPE_CODES].join(', ')}`,
      );
    }
    const multiple = body.multiple ?? false;
    if (MULTIPLE_TYPES.has(body.data_type) && !multiple) {
      throw new SimHttpError(400, `data_type ${body.data_type} needs multiple=true`);
    }
    const picklist = PICKLIST_TYPES.has(body.data_type);
    if (!picklist && body.allowed_values?.length) {
      throw new SimHttpError(400, `data_type ${body.data_type} takes no allowed_values`);
    }
    // A picklist's default names an allowed value whose id qTest has not assigned yet; the
    // simulator takes the default from `is_default` on the allowed values instead.
    if (picklist && body.default_value !== undefined) {
      throw new SimHttpError(400, 'a picklist field takes its default from is_default on allowed_values');
    }
    // qTest refuses a second field with the same label, so a client re-creating its marker
    // field on resume is caught; the spec does not state it.
    if (project.fieldsOf(objectType).some((field) => sameLabel(field.label, body.label))) {
      throw new SimHttpError(400, `a ${objectType} field labelled "${body.label}" exists already`);
    }
    const labels = (body.allowed_values ?? []).map((value) => value.label);
    refuseDuplicateLabels(labels, []);
    const field = store.addField(project, {
      objectType,
      label: body.label,
      dataType: body.data_type,
      required: body.required ?? false,
      multiple,
      searchable: body.searchable ?? true,
      ...(body.default_value === undefined ? {} : { defaultValue: body.default_value }),
      systemField: false,
      isActive: body.is_active ?? true,
    });
    store.addAllowedValues(field, (body.allowed_values ?? []).map(newAllowedValue));
    return { status: 201, body: new ProjectResources(store, project, request.url.origin).field(field) };
  });

  server.route('GET', `${base}/{fieldId}/allowed-values`, (request) => {
    const project = projectOf(store, request);
    const field = fieldOf(request, project.fieldsOf(objectTypeOf(request, FIELD_OBJECT_TYPES)));
    const values =
      field.dataType === DATA_TYPE.userList ? userListValues(store.users()) : picklistOf(field).allowedValues;
    return {
      status: 200,
      body: pageOf(values, pageRequest(request.query, PAGE_SIZE_PAGING)).map(allowedValue),
    };
  });

  server.route('POST', `${base}/{fieldId}/allowed-values`, (request) => {
    const project = projectOf(store, request);
    const field = picklistOf(
      fieldOf(request, project.fieldsOf(objectTypeOf(request, CREATABLE_OBJECT_TYPES))),
    );
    const body = parseBody(request, allowedValuesBody);
    refuseDuplicateLabels(
      body.map((value) => value.label),
      field.allowedValues.map((value) => value.label),
    );
    const created = store.addAllowedValues(field, body.map(newAllowedValue));
    // The spec declares 200 with `{total, items}` or 201 without a body; the body is more useful.
    const response: AllowedValueResponse = { total: created.length, items: created.map(allowedValue) };
    return { status: 200, body: response };
  });
}

function objectTypeOf<T extends FieldObjectType>(request: SimRequest, allowed: readonly T[]): T {
  const objectType = request.params.objectType ?? '';
  if (!(allowed as readonly string[]).includes(objectType)) {
    throw new SimHttpError(400, `objectType must be one of ${allowed.join(', ')}, got "${objectType}"`);
  }
  return objectType as T;
}

function fieldOf(request: SimRequest, fields: StoredField[]): StoredField {
  return found(new Map(fields.map((field) => [field.id, field])), request, 'fieldId', 'Field');
}

function picklistOf(field: StoredField): StoredField {
  if (!PICKLIST_TYPES.has(field.dataType)) {
    throw new SimHttpError(400, `Field "${field.label}" (data_type ${field.dataType}) has no allowed values`);
  }
  return field;
}

function newAllowedValue(value: {
  label: string;
  is_default?: boolean;
  is_active?: boolean;
  color?: string;
}) {
  return {
    label: value.label,
    isDefault: value.is_default ?? false,
    isActive: value.is_active ?? true,
    ...(value.color === undefined ? {} : { color: value.color }),
  };
}

/** Two values with one label could not be told apart by a client mapping labels to values. */
function refuseDuplicateLabels(labels: readonly string[], existing: readonly string[]): void {
  const seen = [...existing];
  for (const label of labels) {
    if (seen.some((other) => sameLabel(other, label))) {
      throw new SimHttpError(400, `allowed value "${label}" exists already in this field`);
    }
    seen.push(label);
  }
}

function sameLabel(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
