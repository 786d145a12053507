import { describe, expect, it } from 'vitest';
import { differencesAfterMigration, rigPerTest } from './support/migration-rig.js';

const rigs = rigPerTest();

describe('qTest token expiring during load', () => {
  it('renews the token as often as it expires and migrates everything once', async () => {
    // Tokens live three seconds ("every few seconds"), so a small project's load outlives several of them;
    // one second let a request on a busy CI machine outlive the token it was sent with.
    const rig = await rigs.start({ size: 'small', seed: 7, qtestTokenLifetimeSeconds: 3 });
    const result = await rig.migrate();
    expect(result.error ?? 'no error').toBe('no error');
    // A generated set is always partial for its lossy mappings; what matters is that nothing failed.
    expect(result.exitCode).toBe(3);
    for (const counts of Object.values(result.load)) expect(counts.failed + counts.skipped).toBe(0);
    const logins = () => rig.simulators.qtest.requestCounts()['POST /oauth/token'] ?? 0;
    // More than the first login: the run met expired tokens and renewed them.
    expect(logins()).toBeGreaterThan(1);
    expect(differencesAfterMigration(rig)).toEqual([]);

    const createsAfterFirstRun = rig.qtestCreates();
    const rerun = await rig.migrate();
    expect(rig.qtestCreates()).toBe(createsAfterFirstRun);
    for (const counts of Object.values(rerun.load)) expect(counts.created + counts.adopted).toBe(0);
    expect(differencesAfterMigration(rig)).toEqual([]);
  }, 600_000);
});
