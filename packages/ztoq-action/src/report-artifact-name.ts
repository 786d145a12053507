/**
 * `ztoq-<KEY>-<migration id>`: one artifact per migration, so reports of a project's
 * successive migrations sit side by side. Artifact names may not hold some characters
 * (" : < > | * ? \ /); a migration id never does, but the name is made safe regardless.
 */
export function reportArtifactName(projectKey: string, migrationId: string): string {
  return `ztoq-${projectKey}-${migrationId}`.replace(/[":<>|*?\\/\r\n]/g, '-');
}
