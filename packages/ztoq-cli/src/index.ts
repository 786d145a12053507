export type { CliIo } from './cli-io.js';
export { createProgram } from './program.js';
export { runCli } from './run-cli.js';
