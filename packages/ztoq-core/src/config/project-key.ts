/** Zephyr (Jira) project keys, as the Zephyr spec's `ProjectKey` schema defines them: `([A-Z][A-Z_0-9]+)`. */
const PROJECT_KEY = /^[A-Z][A-Z_0-9]+$/;

export function isProjectKey(value: string): boolean {
  return PROJECT_KEY.test(value);
}

export function projectKeyProblem(value: string, source: string): string | undefined {
  if (isProjectKey(value)) return undefined;
  return `${source} is not a Zephyr project key: "${value}" (expected capital letters, digits and _, starting with a letter, e.g. PROJ)`;
}
