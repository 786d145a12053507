import type { DoctorReport } from '@ztoq/core';

const MARKS = { ok: '[ok]  ', failed: '[FAIL]', skipped: '[skip]' } as const;

/** The checklist as a person reads it: one line per check, what is wrong said on that line. */
export function formatDoctor(report: DoctorReport): string {
  const lines = report.checks.map((check) => `${MARKS[check.status]} ${check.title}: ${check.detail}`);
  const failed = report.checks.filter((check) => check.status === 'failed').length;
  lines.push('', failed === 0 ? 'ready to migrate' : `${failed} check(s) failed`);
  return `${lines.join('\n')}\n`;
}
