import { describe, expect, it } from 'vitest';
import { SecretRegistry } from '../src/secrets.js';

describe('SecretRegistry', () => {
  it('redacts secrets in plain, percent-encoded and form-encoded form', () => {
    const registry = new SecretRegistry();
    registry.add('pass word&1');
    const body = new URLSearchParams({ grant_type: 'password', password: 'pass word&1' }).toString();
    expect(registry.redact(`raw pass word&1 url ${encodeURIComponent('pass word&1')} form ${body}`)).toBe(
      'raw *** url *** form grant_type=password&password=***',
    );
  });

  it('replaces a longer secret whole when it contains a shorter one', () => {
    const registry = new SecretRegistry();
    registry.add('abcd');
    registry.add('xxabcdxx');
    expect(registry.redact('token=xxabcdxx')).toBe('token=***');
  });

  it('ignores values too short to redact safely', () => {
    const registry = new SecretRegistry();
    registry.add('ab');
    registry.add('');
    registry.add(undefined);
    expect(registry.size).toBe(0);
    expect(registry.redact('about abba')).toBe('about abba');
  });
});

describe('SecretRegistry.onAdd', () => {
  it('tells a listener about secrets registered before and after it, in every encoded form', () => {
    const registry = new SecretRegistry();
    registry.add('early secret');
    const seen: string[] = [];
    const stop = registry.onAdd((value) => seen.push(value));
    registry.add('late/token');
    registry.add('late/token');
    stop();
    registry.add('after-stop');
    expect(seen).toEqual(['early secret', 'early%20secret', 'early+secret', 'late/token', 'late%2Ftoken']);
  });
});
