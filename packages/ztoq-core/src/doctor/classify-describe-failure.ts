import { AuthError, ExitCode, ZtoqError } from '../errors.js';
import { redact } from '../secrets.js';

/**
 * Which of two checklist lines a failed `describeProject` belongs to. Describing a project is
 * one call that proves both that the API answers our credentials and that the project is
 * there; the error says which of the two did not hold. A refused login (401) and anything that
 * never reached the API fail the API line; an unknown project (exit code 2) or a user without
 * write permission in it (403) fail the project line, with the API shown as working.
 */
export function classifyDescribeFailure(error: unknown): { failed: 'api' | 'project'; detail: string } {
  const detail = oneLine(error);
  if (error instanceof AuthError) return { failed: error.status === 401 ? 'api' : 'project', detail };
  if (error instanceof ZtoqError && error.exitCode === ExitCode.usage && /not found/.test(error.message)) {
    return { failed: 'project', detail };
  }
  return { failed: 'api', detail };
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return redact(message.split('\n')[0] ?? message);
}
