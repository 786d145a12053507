import { describe, expect, it } from 'vitest';
import { type MigrationNotice, type Notifier, throttleProgress } from '../../src/index.js';

const base = { projectKey: 'DEMO', migrationId: 'm', runId: 'r' };
const progress = (done: number): MigrationNotice => ({
  kind: 'progress',
  ...base,
  phase: 'load',
  entityType: 'test-case',
  done,
});

describe('throttleProgress', () => {
  it('sends at most one progress notice per interval, counted from the start, and every milestone', async () => {
    const sent: string[] = [];
    const inner: Notifier = {
      name: 'memory',
      async notify(notice) {
        sent.push(notice.kind === 'progress' ? `progress ${notice.done}` : notice.kind);
      },
    };
    let clock = 0;
    const notifier = throttleProgress(inner, { intervalMs: 1_000, now: () => clock });

    await notifier.notify({ kind: 'run-started', ...base, phase: 'all' });
    await notifier.notify(progress(1)); // too soon after the start
    clock = 1_000;
    await notifier.notify(progress(2));
    clock = 1_500;
    await notifier.notify(progress(3));
    await notifier.notify({ kind: 'phase-finished', ...base, phase: 'load', counts: {} });
    clock = 2_100;
    await notifier.notify(progress(4));

    expect(sent).toEqual(['run-started', 'progress 2', 'phase-finished', 'progress 4']);
  });
});
