import type { JsonValue, WrittenPlan } from '../ports/state-store.js';
import { canonicalJson } from '../store/content-hash.js';
import type { OnTargetEdit } from './migration-options.js';

/** One field that differs between two plans; a side is absent where the field is. */
export interface FieldChange {
  /** Where in the plan, e.g. `body.name`, `body.test_steps[2].expected`, `refs.parent.sourceId`. */
  path: string;
  old?: JsonValue;
  new?: JsonValue;
}

/** An entity written earlier whose plan changed since: what the next run would update. */
export interface PlannedUpdate {
  entityType: string;
  sourceId: string;
  targetId: string | null;
  label: string;
  /**
   * The fields that change, from what was last written to what is planned now; `null` for an
   * entity written before ztoq kept what it wrote (store schema 0005), whose old side is unknown.
   */
  changes: FieldChange[] | null;
  /**
   * How the target differs from what ztoq last wrote, when it does: edited there by hand since,
   * so the next run keeps or overwrites it as `--on-target-edit` says. Absent when it matches
   * (or could not be compared: no written plan kept).
   */
  editedInTarget?: string[];
  /** With `editedInTarget`: what the next run would do with it, under the run's `onTargetEdit`. */
  onTargetEdit?: OnTargetEdit;
}

/**
 * The leaf fields that differ between what was written and what is planned now, in path order.
 * Objects are compared key by key and arrays index by index, so a changed step's expected
 * result is one line, not the whole step list.
 */
export function planDiff(written: WrittenPlan, next: WrittenPlan): FieldChange[] {
  const changes: FieldChange[] = [];
  compare('', written as unknown as JsonValue, next as unknown as JsonValue, changes);
  return changes;
}

function compare(path: string, old: JsonValue | undefined, next: JsonValue | undefined, out: FieldChange[]) {
  if (old !== undefined && next !== undefined && canonicalJson(old) === canonicalJson(next)) return;
  if (Array.isArray(old) && Array.isArray(next)) {
    for (let index = 0; index < Math.max(old.length, next.length); index += 1) {
      compare(`${path}[${index}]`, old[index], next[index], out);
    }
    return;
  }
  if (isObject(old) && isObject(next)) {
    const keys = [...new Set([...Object.keys(old), ...Object.keys(next)])].sort();
    for (const key of keys) compare(path === '' ? key : `${path}.${key}`, old[key], next[key], out);
    return;
  }
  out.push({ path, ...(old === undefined ? {} : { old }), ...(next === undefined ? {} : { new: next }) });
}

function isObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
