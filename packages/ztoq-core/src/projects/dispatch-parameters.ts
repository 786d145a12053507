import { ConfigError } from '../errors.js';
import type { RunPhase } from '../ports/state-store.js';

/** What a chained or hand-sent `repository_dispatch` may set for the run it starts. */
export interface DispatchParameters {
  projectKey?: string;
  batchSize?: number;
  maxWorkers?: number;
  phase?: RunPhase;
  sendReport?: boolean;
}

const PHASES: readonly RunPhase[] = ['extract', 'transform', 'load', 'validate', 'all'];

/**
 * Reads a `client_payload` of `{project_key, batch_size, max_workers, phase, send_report}`.
 * People send it with curl, so numbers and booleans arrive as JSON values or as strings
 * ("50", "true") and both are accepted; anything else is a configuration error naming the
 * field, never a silently ignored value.
 */
export function parseDispatchParameters(payload: unknown): DispatchParameters {
  if (payload === undefined || payload === null) return {};
  if (typeof payload !== 'object' || Array.isArray(payload)) {
    throw new ConfigError(['repository_dispatch client_payload must be an object']);
  }
  const fields = payload as Record<string, unknown>;
  const problems: string[] = [];
  const parameters: DispatchParameters = {};
  const given = (name: string) => fields[name] !== undefined && fields[name] !== null && fields[name] !== '';

  if (given('project_key')) {
    if (typeof fields.project_key === 'string') parameters.projectKey = fields.project_key.trim();
    else problems.push('client_payload.project_key must be a string');
  }
  for (const [name, key] of [
    ['batch_size', 'batchSize'],
    ['max_workers', 'maxWorkers'],
  ] as const) {
    if (!given(name)) continue;
    const value = fields[name];
    const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
    if (/^[0-9]+$/.test(text)) parameters[key] = Number(text);
    else problems.push(`client_payload.${name} must be a whole number, got ${JSON.stringify(value)}`);
  }
  if (given('phase')) {
    const phase = PHASES.find((candidate) => candidate === fields.phase);
    if (phase) parameters.phase = phase;
    else
      problems.push(
        `client_payload.phase must be one of ${PHASES.join(', ')}, got ${JSON.stringify(fields.phase)}`,
      );
  }
  if (given('send_report')) {
    const value = fields.send_report;
    if (value === true || value === 'true') parameters.sendReport = true;
    else if (value === false || value === 'false') parameters.sendReport = false;
    else problems.push(`client_payload.send_report must be true or false, got ${JSON.stringify(value)}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return parameters;
}

/** The payload a chained run sends for the next one: strings and booleans, as the seed's curl example. */
export function dispatchPayload(parameters: {
  projectKey: string;
  batchSize: number;
  maxWorkers: number;
  phase: RunPhase;
  sendReport: boolean;
}): Record<string, string | boolean> {
  return {
    project_key: parameters.projectKey,
    batch_size: String(parameters.batchSize),
    max_workers: String(parameters.maxWorkers),
    phase: parameters.phase,
    send_report: parameters.sendReport,
  };
}
