import type { QTestProperty } from './qtest-entities.js';
import type { QTestPropertyResource } from './qtest-transport.js';

/**
 * Collects the lines of a verification: `<what>: <planned> ≠ <found>`, planned first. Values
 * are JSON-quoted so that a line break or trailing space in either shows, and cut short so a
 * long description keeps the report to one line per difference.
 */
export class Differences {
  readonly lines: string[] = [];

  /** Text qTest stores as it was sent; `undefined` (left out of the answer) reads as empty. */
  text(what: string, planned: string, found: string | undefined): void {
    if (planned !== (found ?? '')) this.add(what, planned, found ?? '');
  }

  value(what: string, planned: number | string | undefined, found: number | string | undefined): void {
    if (planned !== found) this.add(what, planned, found);
  }

  /**
   * Each planned property against the one qTest answered for the same field. Only planned
   * fields are compared: qTest answers every field of the object type, defaults included.
   */
  properties(planned: readonly QTestProperty[], found: readonly QTestPropertyResource[] | undefined): void {
    for (const property of planned) {
      const actual = found?.find((candidate) => candidate.field_id === property.field_id);
      const name = actual?.field_name ?? `field ${property.field_id}`;
      if (!sameFieldValue(property.field_value, actual?.field_value)) {
        this.add(`property ${name}`, property.field_value, actual?.field_value ?? '');
      }
    }
  }

  add(what: string, planned: unknown, found: unknown): void {
    this.lines.push(`${what}: ${show(planned)} ≠ ${show(found)}`);
  }
}

const MAX_SHOWN = 80;

function show(value: unknown): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  return text.length <= MAX_SHOWN ? text : `${text.slice(0, MAX_SHOWN)}…`;
}

/**
 * Field values are strings on the wire. Multi-value fields are sent as a JSON list of allowed
 * value ids (the spec does not state the encoding, API-NOTES B.5); qTest may answer the same
 * list with other spacing or order, which is not a difference.
 */
export function sameFieldValue(planned: string, found: string | undefined): boolean {
  const actual = found ?? '';
  if (planned.trim() === actual.trim()) return true;
  const plannedList = numberList(planned);
  const foundList = numberList(actual);
  return (
    plannedList !== undefined &&
    foundList !== undefined &&
    plannedList.length === foundList.length &&
    plannedList.every((value, index) => value === foundList[index])
  );
}

function numberList(text: string): number[] | undefined {
  if (!text.trim().startsWith('[')) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'number')) return undefined;
    return [...parsed].sort((a, b) => a - b);
  } catch {
    return undefined;
  }
}
