/**
 * The pure half of the qTest target: preflight's decisions (which fields to create, how each
 * source value maps) and the mapper from the canonical model to qTest payloads. The transport
 * half reads and writes qTest and calls these.
 */
export { buildQTestContext } from './build-context.js';
export { rootMarkerLine } from './containers.js';
export { createQTestMapper } from './create-mapper.js';
export { DATA_TYPE } from './data-types.js';
export { FIELD_LABEL } from './field-labels.js';
export { planFieldChanges } from './plan-field-changes.js';
export { AD_HOC_SOURCE_ID, ROOT_SOURCE_ID } from './source-ids.js';
export { withPlannedChanges } from './with-planned-changes.js';
