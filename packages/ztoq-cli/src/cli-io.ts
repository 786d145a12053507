/** Where the CLI writes. Tests pass buffers; the binary passes the process streams. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Where relative paths (the default store in .ztoq/db) resolve. */
  cwd: string;
  /** stderr when it is a terminal: progress bars are drawn there. Absent, progress is plain lines. */
  terminal?: NodeJS.WriteStream;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  ...(process.stderr.isTTY ? { terminal: process.stderr } : {}),
};
