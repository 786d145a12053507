import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

/**
 * One path component of a random stream: the data set seed, the kind of item ('testCase',
 * 'execution', …) and its index, plus anything that further narrows it (a version number).
 */
export type StreamPathPart = string | number;

/**
 * A repeatable stream of random draws dedicated to one item. Every item derives its own stream
 * from `(seed, kind, index, …)` instead of sharing one sequential generator, so generating item
 * 17 gives the same result whether or not items 0–16 were generated first: that is what lets
 * the large data set build any item on demand.
 */
export class ItemRandom {
  readonly #rng: RandomGenerator;

  constructor(seed: number) {
    this.#rng = xoroshiro128plus(seed);
  }

  /** The stream of the item named by `path`, e.g. `ItemRandom.of(seed, 'testCase', 41)`. */
  static of(...path: readonly StreamPathPart[]): ItemRandom {
    return new ItemRandom(hashPath(path));
  }

  /** Uniform in [0, 1). */
  next(): number {
    return uniformFloat64(this.#rng);
  }

  /** Uniform integer in [from, to], both included. */
  int(from: number, to: number): number {
    return uniformInt(this.#rng, from, to);
  }

  /** A 32-bit seed for a library that keeps its own generator (faker). */
  seed(): number {
    return uniformInt(this.#rng, 0, 0xffff_ffff);
  }

  chance(ratio: number): boolean {
    return this.next() < ratio;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(0, items.length - 1)];
    if (item === undefined) throw new RangeError('cannot pick from an empty list');
    return item;
  }

  /** One of the choices, each as likely as its weight. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
    let remaining = this.next() * total;
    for (const [choice, weight] of choices) {
      remaining -= weight;
      if (remaining < 0) return choice;
    }
    const last = choices.at(-1);
    if (last === undefined) throw new RangeError('cannot choose from no choices');
    return last[0];
  }

  /** `count` distinct items in their original order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const wanted = Math.min(count, items.length);
    const chosen: T[] = [];
    // Selection sampling (Knuth's algorithm S): one pass, keeps the order, no shuffling.
    for (let index = 0; index < items.length && chosen.length < wanted; index++) {
      const needed = wanted - chosen.length;
      const left = items.length - index;
      if (this.next() * left < needed) chosen.push(items[index] as T);
    }
    return chosen;
  }
}

/** A well-mixed 32-bit hash of a stream path (FNV-style combining, murmur3 finalizer). */
export function hashPath(path: readonly StreamPathPart[]): number {
  let hash = 0x811c9dc5;
  for (const part of path) {
    if (typeof part === 'number') {
      // Integers beyond 32 bits keep their high part, so seeds 1 and 2**32 + 1 differ.
      hash = mix(hash ^ (part >>> 0));
      hash = mix(hash ^ Math.floor(part / 0x1_0000_0000));
    } else {
      for (let index = 0; index < part.length; index++) hash = mix(hash ^ part.charCodeAt(index));
      hash = mix(hash ^ part.length);
    }
  }
  return hash;
}

function mix(value: number): number {
  let hash = Math.imul(value ^ (value >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}
