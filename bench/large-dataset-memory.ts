import { createZephyrClient, zephyrItems } from '@ztoq/core';
import { type BenchResult, startSimulatorProcess } from './support.js';

/** Issue target: the large data set (20,000 cases, 200,000 executions) is served with the simulator well below 1 GB. */
const TARGET_PEAK_MIB = 1024;

export async function largeDatasetMemory(): Promise<BenchResult> {
  const simulators = await startSimulatorProcess('large');
  try {
    const client = createZephyrClient({
      baseUrl: simulators.zephyr.baseUrl,
      token: simulators.zephyr.apiToken,
    });
    const query = { projectKey: simulators.zephyr.projectKey };
    const started = performance.now();
    let testCases = 0;
    for await (const _ of zephyrItems(client, '/testcases', { query })) testCases++;
    const testCasesSeconds = (performance.now() - started) / 1000;
    let executions = 0;
    for await (const _ of zephyrItems(client, '/testexecutions', { query })) executions++;
    const totalSeconds = (performance.now() - started) / 1000;
    const peakRssMiB = await simulators.peakRssMiB();
    return {
      name: 'large-dataset-memory',
      target: `serve every test case and execution of the large data set with peak RSS < ${TARGET_PEAK_MIB} MiB`,
      passed: testCases === 20_000 && executions === 200_000 && peakRssMiB < TARGET_PEAK_MIB,
      measurements: {
        testCases,
        executions,
        peakRssMiB,
        testCasesSeconds: round(testCasesSeconds),
        executionsSeconds: round(totalSeconds - testCasesSeconds),
      },
    };
  } finally {
    await simulators.stop();
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
