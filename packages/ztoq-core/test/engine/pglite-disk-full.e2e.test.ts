import { execFile } from 'node:child_process';
import { statfsSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStateStore } from '../../src/store/index.js';
import type { StoreTarget } from '../store/store-targets.js';
import { differencesAfterMigration, rigPerTest } from './support/migration-rig.js';

const run = promisify(execFile);
const rigs = rigPerTest();

let root = '';
let mountPoint = '';
let notMounted: string | undefined;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ztoq-disk-full-'));
  mountPoint = join(root, 'disk');
  await run('mkdir', ['-p', mountPoint]);
  try {
    // A small disk of its own, so filling it disturbs nothing else on the machine.
    await run('mount', ['-t', 'tmpfs', '-o', 'size=96m', 'tmpfs', mountPoint]);
  } catch (error) {
    notMounted = `cannot mount a tmpfs here (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
  }
});

afterAll(async () => {
  if (notMounted === undefined) await run('umount', ['-l', mountPoint]).catch(() => undefined);
  await rm(root, { recursive: true, force: true });
});

/**
 * Takes all of the disk's free space, synchronously so that it is gone before the run's next
 * write to the store.
 */
function fillDisk(path: string): void {
  const stats = statfsSync(mountPoint);
  writeFileSync(path, Buffer.alloc(stats.bavail * stats.bsize));
}

describe('the disk under the embedded store filling up', () => {
  it('ends the run with one line naming the full disk; the store opens afterwards and the rerun finishes exact', async (context) => {
    if (notMounted) context.skip(notMounted);
    const url = `file:${join(mountPoint, 'store')}`;
    const target: StoreTarget = {
      name: 'PGlite on a small disk',
      url,
      async open() {
        const store = await openStateStore({ url });
        return { store, schema: '', dispose: () => store.close() };
      },
    };
    const rig = await rigs.start({ size: 'tiny', seed: 8, store: target });
    const filler = join(mountPoint, 'filler');
    const migration = rig.migration();
    let filledDuring: string | undefined;
    migration.on('progress', (event) => {
      // Once qTest has received the first creates, the disk fills up under the store.
      if (event.phase === 'load' && filledDuring === undefined) {
        filledDuring = `${event.phase} ${event.entityType}`;
        fillDisk(filler);
      }
    });
    const first = await migration.run({ phase: 'all' }).then(
      (result) => ({ exitCode: result.exitCode, line: result.error ?? '' }),
      (error: unknown) => ({ exitCode: -1, line: error instanceof Error ? error.message : String(error) }),
    );
    // The disk filled in the middle of load: qTest had received creates the store must not forget.
    expect(filledDuring).toBe('load module');
    const createsBeforeFailure = rig.qtestCreates();
    expect(createsBeforeFailure).toBeGreaterThan(0);
    // The run does not end well, and says why in one line naming the store and the full disk.
    expect(first.exitCode).not.toBe(0);
    expect(first.line).toContain(mountPoint);
    expect(first.line).toMatch(/No space left on device \(the disk holding the store is full/);
    expect(first.line).not.toContain('\n');

    // Space freed: the store left by the failed run opens, and the rerun completes it.
    await rm(filler);
    await rig.reopenStore();
    const rerun = await rig.migrate();
    expect(rerun.error ?? 'no error').toBe('no error');
    expect(rerun.exitCode).toBe(3); // the demo set's lossy mappings, never a failure
    for (const counts of Object.values(rerun.load)) expect(counts.failed + counts.skipped).toBe(0);
    expect(differencesAfterMigration(rig)).toEqual([]);

    const createsBefore = rig.qtestCreates();
    const third = await rig.migrate();
    expect(rig.qtestCreates()).toBe(createsBefore);
    for (const counts of Object.values(third.load)) expect(counts.created + counts.adopted).toBe(0);
    expect(differencesAfterMigration(rig)).toEqual([]);
  }, 120_000);
});
