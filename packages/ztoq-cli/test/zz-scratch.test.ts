import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simulatorEnvironment, startSimulators } from '@ztoq/simulators';
import { it } from 'vitest';
import { cliProcess } from './cli-harness.js';

it('scratch', async () => {
  const sims = await startSimulators({ size: 'tiny', seed: 11 });
  const cwd = await mkdtemp(path.join(tmpdir(), 'ztoq-scratch-'));
  const d = sims.dataset;
  console.log('users', d.users.length, 'cases', d.testCases.count, 'execs', d.testExecutions.count, 'cycles', d.testCycles.length, 'plans', d.testPlans.length, 'folders', d.folders.length, d.project.key);
  await writeFile(path.join(cwd, 'mapping.json'), JSON.stringify({ executionStatus: { Retest: 'Incomplete' }, users: Object.fromEntries(d.users.map((u) => [u.accountId, u.email])) }));
  const env = { PATH: process.env.PATH, ...simulatorEnvironment(sims.connection), ZTOQ_DATABASE_URL: `file:${path.join(cwd, 'store')}` };
  let t = Date.now();
  const r = await cliProcess(['migrate', '--project-key', d.project.key, '--mapping', 'mapping.json', '--batch-size', '5', '--max-workers', '4'], env, cwd);
  console.log(Date.now() - t, r.code, r.stdout, r.stderr);
  console.log(JSON.stringify(sims.qtest.requestCounts(), null, 1));
  t = Date.now();
  const s = await cliProcess(['status', '--project-key', d.project.key], env, cwd);
  console.log(Date.now() - t, s.code, s.stdout, s.stderr);
  await sims.close();
}, 120000);
