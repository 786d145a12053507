/**
 * One line of `ztoq doctor`'s checklist. `skipped` is for a check that could not be made
 * because one before it failed (an API that cannot be reached has no project to look at) or
 * because there is nothing to check yet; it does not fail the doctor by itself.
 */
export interface DoctorCheck {
  /** Stable, for scripts reading `--json`: e.g. `zephyr-project`. */
  id: string;
  title: string;
  status: 'ok' | 'failed' | 'skipped';
  /** What was found, or what is wrong and how to fix it. One line. */
  detail: string;
}

export interface DoctorReport {
  /** Whether no check failed: a migration may start. */
  ok: boolean;
  checks: DoctorCheck[];
}
