/** The first line of an error's message, for a log line, a stored failure or a report cell. */
export function errorLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
