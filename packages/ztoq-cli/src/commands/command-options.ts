import { InvalidArgumentError } from 'commander';

/** Parses a whole number flag value, refusing `1.5`, `ten` and negatives with a usage error. */
export function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
}
