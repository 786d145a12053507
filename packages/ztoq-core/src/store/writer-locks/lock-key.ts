import { createHash } from 'node:crypto';

/**
 * The advisory lock key of a project's writer lock: 64 bits of a hash of the store's schema
 * and the project key. Advisory locks are database-wide, so the schema is part of the key:
 * two stores sharing one database (tests do) never lock each other out.
 */
export function writerLockKey(schema: string, projectKey: string): bigint {
  const digest = createHash('sha256').update(`ztoq-writer-lock\0${schema}\0${projectKey}`).digest();
  return digest.readBigInt64BE(0);
}

/** How `pg_locks` shows a bigint advisory key: high half in `classid`, low half in `objid`, `objsubid` 1. */
export function lockKeyHalves(key: bigint): { classid: string; objid: string } {
  const unsigned = BigInt.asUintN(64, key);
  return { classid: String(unsigned >> 32n), objid: String(unsigned & 0xffffffffn) };
}
