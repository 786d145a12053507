import type { QueuedProject } from '@ztoq/core';

export function formatProjects(queue: readonly QueuedProject[], next: QueuedProject | undefined): string {
  const width = Math.max(7, ...queue.map((project) => project.projectKey.length));
  const lines = [`${'project'.padEnd(width)}  ${'state'.padEnd(11)}  ${'qTest'.padEnd(8)}  latest run`];
  for (const project of queue) {
    const run = project.latestRun ? `${project.latestRun.phase} ${project.latestRun.status}` : '-';
    lines.push(
      `${project.projectKey.padEnd(width)}  ${project.state.padEnd(11)}  ${String(project.qtestProjectId ?? 'default').padEnd(8)}  ${run}${project.stateFrom === 'mark' ? ' (marked)' : ''}`,
    );
  }
  const count = (state: string) => queue.filter((project) => project.state === state).length;
  lines.push(
    '',
    `${count('done')} done, ${count('failed')} failed, ${count('in-progress')} in progress, ${count('pending')} pending; next: ${next?.projectKey ?? 'none'}`,
  );
  return `${lines.join('\n')}\n`;
}
