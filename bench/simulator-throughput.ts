import autocannon from 'autocannon';
import { type BenchResult, startSimulatorProcess } from './support.js';

/** Issue target: on loopback with faults off, each simulator serves at least 3,000 simple GETs per second. */
const TARGET_PER_SECOND = 3000;
const DURATION_SECONDS = 5;
const CONNECTIONS = 20;

export async function simulatorThroughput(): Promise<BenchResult> {
  const simulators = await startSimulatorProcess('demo');
  try {
    const token = await qtestLogin(simulators.qtest);
    const zephyr = await load(
      `${simulators.zephyr.baseUrl}/priorities?projectKey=${simulators.zephyr.projectKey}`,
      {
        authorization: `Bearer ${simulators.zephyr.apiToken}`,
      },
    );
    const qtest = await load(
      `${simulators.qtest.baseUrl}/api/v3/projects/${simulators.qtest.projectId}/test-runs/execution-statuses`,
      { authorization: token },
    );
    return {
      name: 'simulator-throughput',
      target: `≥ ${TARGET_PER_SECOND} simple GETs per second per simulator, all answered 200`,
      passed: [zephyr, qtest].every(
        (r) => r.requestsPerSecond >= TARGET_PER_SECOND && r.non2xx === 0 && r.errors === 0,
      ),
      measurements: { connections: CONNECTIONS, durationSeconds: DURATION_SECONDS, zephyr, qtest },
    };
  } finally {
    await simulators.stop();
  }
}

async function load(url: string, headers: Record<string, string>) {
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: DURATION_SECONDS });
  return {
    url: new URL(url).pathname,
    requestsPerSecond: Math.round(result.requests.average),
    totalRequests: result.requests.total,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

async function qtestLogin(qtest: { baseUrl: string; username: string; password: string }): Promise<string> {
  const response = await fetch(`${qtest.baseUrl}/oauth/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${new URL(qtest.baseUrl).hostname.split('.')[0]}:`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'password', username: qtest.username, password: qtest.password }),
  });
  if (!response.ok) throw new Error(`qTest simulator login failed: HTTP ${response.status}`);
  const body = (await response.json()) as { token_type: string; access_token: string };
  return `${body.token_type} ${body.access_token}`;
}
