import { readFile } from 'node:fs/promises';
import { ConfigError } from '../errors.js';
import { projectKeyProblem } from './project-key.js';

/**
 * `migration-config/projects.txt`: the queue of Zephyr projects to migrate, one per line.
 *
 *   # comment lines and blank lines are ignored; so is anything after a #
 *   PROJ                 → qTest project from QTEST_PROJECT_ID
 *   OTHER = 12345        → this project goes to qTest project 12345
 */
export interface ProjectEntry {
  projectKey: string;
  /** The qTest project this Zephyr project goes to; absent means the default (`QTEST_PROJECT_ID`). */
  qtestProjectId?: number;
  /** 1-based line in the file, for messages. */
  line: number;
}

const ENTRY = /^(?<key>[^=\s]+)\s*(?:=\s*(?<target>\S+))?$/;

export function parseProjectsFile(text: string, fileName = 'projects.txt'): ProjectEntry[] {
  const entries: ProjectEntry[] = [];
  const problems: string[] = [];
  const firstLineOfKey = new Map<string, number>();

  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = index + 1;
    const content = rawLine.replace(/#.*$/, '').trim();
    if (content === '') return;
    const where = `${fileName}:${line}`;
    const match = ENTRY.exec(content);
    if (!match?.groups) {
      problems.push(`${where}: expected "KEY" or "KEY = <qTest project id>", got "${content}"`);
      return;
    }
    const { key = '', target } = match.groups;
    const keyProblem = projectKeyProblem(key, where);
    if (keyProblem) {
      problems.push(keyProblem);
      return;
    }
    const seenAt = firstLineOfKey.get(key);
    if (seenAt !== undefined) {
      problems.push(`${where}: project ${key} is listed twice (first on line ${seenAt})`);
      return;
    }
    firstLineOfKey.set(key, line);
    if (target === undefined) {
      entries.push({ projectKey: key, line });
      return;
    }
    if (!/^[1-9][0-9]*$/.test(target)) {
      problems.push(`${where}: qTest project id for ${key} must be a positive whole number, got "${target}"`);
      return;
    }
    entries.push({ projectKey: key, qtestProjectId: Number(target), line });
  });

  if (problems.length > 0) throw new ConfigError(problems);
  return entries;
}

export async function readProjectsFile(path: string): Promise<ProjectEntry[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError([`cannot read projects file ${path}: ${code ?? String(error)}`], { cause: error });
  }
  return parseProjectsFile(text, path);
}
