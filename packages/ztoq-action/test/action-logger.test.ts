import { secrets } from '@ztoq/core';
import { describe, expect, it } from 'vitest';
import { createActionLogger } from '../src/action-logger.js';

describe('createActionLogger', () => {
  it('routes each level to its workflow command, with fields, and redacts secrets', () => {
    const lines: string[] = [];
    const logger = createActionLogger({
      debug: (message) => lines.push(`debug ${message}`),
      info: (message) => lines.push(`info ${message}`),
      warning: (message) => lines.push(`warning ${String(message)}`),
      error: (message) => lines.push(`error ${String(message)}`),
    });
    secrets.add('logger-test-secret');
    logger.debug('opened the state store', { location: 'file:/tmp/db' });
    logger.info('extract: started', {});
    logger.warn('lost a connection to postgres://u:logger-test-secret@db');
    logger.error('refused', { token: 'logger-test-secret' });
    expect(lines).toEqual([
      'debug opened the state store {"location":"file:/tmp/db"}',
      'info extract: started',
      'warning lost a connection to postgres://u:***@db',
      'error refused {"token":"***"}',
    ]);
  });
});
