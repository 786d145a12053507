import { describe, expect, it } from 'vitest';
import { loggableUrl } from '../../src/http/loggable-url.js';
import { SecretRegistry } from '../../src/secrets.js';

describe('loggableUrl', () => {
  it('masks query values whose names look secret and keeps the rest verbatim', () => {
    const url =
      'https://x.test/api/items?projectKey=PROJ&access_token=abc123&apiKey=k-9&Password=p%40ss&client_secret=s&name=a%20b';
    expect(loggableUrl(url, new SecretRegistry())).toBe(
      'https://x.test/api/items?projectKey=PROJ&access_token=***&apiKey=***&Password=***&client_secret=***&name=a%20b',
    );
  });

  it('drops user-info and fragments', () => {
    expect(loggableUrl('https://me:hunter22@x.test/a?b=1#frag', new SecretRegistry())).toBe(
      'https://x.test/a?b=1',
    );
  });

  it('redacts registered secrets wherever they appear', () => {
    const registry = new SecretRegistry();
    registry.add('PLANTED-SECRET');
    expect(loggableUrl('https://x.test/tokens/PLANTED-SECRET?q=PLANTED-SECRET', registry)).toBe(
      'https://x.test/tokens/***?q=***',
    );
  });

  it('still redacts text that is not a URL', () => {
    const registry = new SecretRegistry();
    registry.add('PLANTED-SECRET');
    expect(loggableUrl('not a url PLANTED-SECRET', registry)).toBe('not a url ***');
  });
});
