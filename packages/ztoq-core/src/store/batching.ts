/** PostgreSQL numbers bind parameters with a 16-bit integer, so one statement takes at most this many. */
export const MAX_BIND_PARAMETERS = 65_535;

/**
 * Splits rows for multi-row inserts so that no statement binds more parameters than
 * PostgreSQL accepts, given how many parameters each row binds.
 */
export function chunkForParameters<T>(rows: readonly T[], parametersPerRow: number): T[][] {
  const rowsPerStatement = Math.floor(MAX_BIND_PARAMETERS / parametersPerRow);
  const chunks: T[][] = [];
  for (let start = 0; start < rows.length; start += rowsPerStatement) {
    chunks.push(rows.slice(start, start + rowsPerStatement));
  }
  return chunks;
}
