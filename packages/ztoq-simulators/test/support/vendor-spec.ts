/**
 * The vendor specifications, read at test time from `../shared/specs` (or ZTOQ_SPECS_DIR):
 * the simulators are checked against the specs themselves, not against our own reading of
 * them. The specs are never copied into the repository.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
// swagger2openapi ships no type declarations.
// @ts-expect-error untyped CommonJS module
import swagger2openapi from 'swagger2openapi';
import { parse } from 'yaml';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const specsDir = path.resolve(repoRoot, process.env.ZTOQ_SPECS_DIR ?? '../shared/specs');

type Json = Record<string, unknown>;

export interface OperationSpec {
  readonly method: string;
  readonly path: string;
  readonly parameters: readonly Json[];
  readonly requestBody?: Json;
  readonly responses: Readonly<Record<string, Json>>;
}

export interface VendorSpec {
  readonly document: Json;
  operation(method: string, template: string): OperationSpec;
  /** Status codes the spec declares for an operation (`default` included as the string `default`). */
  declaredStatuses(method: string, template: string): string[];
  /**
   * Validates a JSON response body against the schema the spec declares for this status (or
   * `default`); returns the problems, empty when it conforms. Statuses with no declared body
   * schema accept anything.
   */
  checkResponse(method: string, template: string, status: number, body: unknown): string[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const cache = new Map<string, Promise<VendorSpec>>();

export function loadVendorSpec(api: 'zephyr' | 'qtest'): Promise<VendorSpec> {
  let loaded = cache.get(api);
  if (!loaded) {
    loaded = load(api);
    cache.set(api, loaded);
  }
  return loaded;
}

async function load(api: 'zephyr' | 'qtest'): Promise<VendorSpec> {
  const file = api === 'zephyr' ? 'zephyr-scale-cloud-v2.openapi.yml' : 'qtest-manager-v3.swagger.yml';
  const raw = parse(readFileSync(path.join(specsDir, file), 'utf8')) as Json;
  const document =
    api === 'zephyr'
      ? raw
      : ((await swagger2openapi.convertObj(raw, { patch: true, warnOnly: true })) as { openapi: Json })
          .openapi;

  // The spec's schemas use OpenAPI 3.0 keywords (`nullable`, `example`, `x-…`); ajv understands
  // `nullable` and, with strict mode off, ignores the annotation keywords.
  const ajv = new Ajv({ strict: false, allErrors: true, discriminator: false });
  addFormatsPlugin.default(ajv);
  for (const format of ['int32', 'int64', 'url', 'double', 'float', 'binary', 'byte', 'password'])
    ajv.addFormat(format, true);
  ajv.addSchema({ $id: 'spec', components: rewriteRefs(document.components ?? {}) });

  const validators = new Map<string, ValidateFunction>();
  const paths = document.paths as Record<string, Record<string, Json>>;

  const operation = (method: string, template: string): OperationSpec => {
    const item = paths[template];
    const op = item?.[method.toLowerCase()];
    if (!item || !op || !METHODS.includes(method.toLowerCase())) {
      throw new Error(`${api} spec has no operation ${method} ${template}`);
    }
    return {
      method: method.toUpperCase(),
      path: template,
      parameters: [
        ...((item.parameters as unknown as Json[]) ?? []),
        ...((op.parameters as unknown as Json[]) ?? []),
      ].map((p) => resolveRef(document, p)),
      requestBody: op.requestBody ? resolveRef(document, op.requestBody as Json) : undefined,
      responses: Object.fromEntries(
        Object.entries((op.responses as Record<string, Json>) ?? {}).map(([status, r]) => [
          status,
          resolveRef(document, r),
        ]),
      ),
    };
  };

  return {
    document,
    operation,
    declaredStatuses: (method, template) => Object.keys(operation(method, template).responses),
    checkResponse(method, template, status, body) {
      const responses = operation(method, template).responses;
      const declared = responses[String(status)] ?? responses.default;
      if (!declared) return [`status ${status} is not declared for ${method} ${template}`];
      const content = declared.content as Record<string, { schema?: Json }> | undefined;
      const schema = content?.['application/json']?.schema ?? content?.['*/*']?.schema;
      if (!schema) return [];
      const key = `${method} ${template} ${status}`;
      let validate = validators.get(key);
      if (!validate) {
        validate = ajv.compile(rewriteRefs(schema) as Json);
        validators.set(key, validate);
      }
      if (validate(body)) return [];
      return (validate.errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message ?? ''}`.trim());
    },
  };
}

/** Points `#/components/...` references at the registered `spec` schema. */
function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' && value.startsWith('#/')
        ? `spec${value}`
        : rewriteRefs(value),
    ]),
  );
}

function resolveRef(document: Json, node: Json): Json {
  const ref = node.$ref;
  if (typeof ref !== 'string') return node;
  let target: unknown = document;
  for (const part of ref.replace(/^#\//, '').split('/')) target = (target as Json)[part];
  return resolveRef(document, target as Json);
}
