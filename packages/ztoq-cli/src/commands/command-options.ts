import { ON_TARGET_EDIT_CHOICES } from '@ztoq/core';
import { InvalidArgumentError, Option } from 'commander';

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

/** `--on-target-edit keep|overwrite`: what a run does with an entity edited in qTest by hand. */
export function onTargetEditOption(): Option {
  return new Option(
    '--on-target-edit <choice>',
    'an entity to update that was edited in qTest since ztoq wrote it: keep it as it is and list it, or overwrite it',
  )
    .choices([...ON_TARGET_EDIT_CHOICES])
    .default('keep');
}
