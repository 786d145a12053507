/**
 * Opens (and migrates) the embedded store in a `file:` directory once and prints what that cost
 * this process as one JSON line: `store-first-open` runs it in a fresh process per measurement,
 * because a process's peak resident memory only ever grows.
 *
 *   node --conditions=ztoq-source --import tsx bench/open-store-once.ts DIRECTORY
 */
import { readFileSync } from 'node:fs';
import { openStateStore } from '@ztoq/core';

const directory = process.argv[2];
if (!directory) {
  console.error('usage: open-store-once.ts DIRECTORY');
  process.exit(2);
}
const started = performance.now();
const store = await openStateStore({ url: `file:${directory}` });
const seconds = (performance.now() - started) / 1000;
await store.close();
const vmHwmKiB = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]);
console.log(
  JSON.stringify({
    seconds: Math.round(seconds * 100) / 100,
    maxRssMiB: Math.round(process.resourceUsage().maxRSS / 102.4) / 10,
    vmHwmMiB: Math.round(vmHwmKiB / 102.4) / 10,
  }),
);
