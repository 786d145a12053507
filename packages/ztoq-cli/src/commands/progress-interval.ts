import { InvalidArgumentError } from 'commander';

/** `--progress-interval <seconds>`: a positive number of seconds, e.g. `10` or `0.5`; milliseconds out. */
export function progressSeconds(value: string): number {
  if (!/^(\d+(\.\d+)?|\.\d+)$/.test(value) || Number(value) === 0) {
    throw new InvalidArgumentError('expected a positive number of seconds, e.g. 10 or 0.5');
  }
  return Math.round(Number(value) * 1000);
}
