import { InvalidArgumentError } from 'commander';

/** Parses a flag value that must be a number above zero (fractions allowed), with a usage error otherwise. */
export function positiveNumber(value: string): number {
  if (!/^\d+(\.\d+)?$/.test(value) || !(Number(value) > 0)) {
    throw new InvalidArgumentError('expected a number above zero');
  }
  return Number(value);
}

/** Parses a whole number flag value, refusing `1.5`, `ten` and negatives with a usage error. */
export function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
}
