import { describe, expect, it } from 'vitest';
import { stripProse } from './strip-prose.js';

describe('stripProse', () => {
  it('removes prose keywords at every depth', () => {
    const doc = {
      info: { title: 'x', description: 'long text' },
      paths: {
        '/a': {
          get: {
            summary: 's',
            description: 'd',
            parameters: [{ name: 'p', in: 'query', description: 'pd', example: 3 }],
            responses: { '200': { description: 'ok', content: { 'application/json': { examples: {} } } } },
          },
        },
      },
    };
    expect(stripProse(doc)).toEqual({
      info: { title: 'x' },
      paths: {
        '/a': {
          get: {
            parameters: [{ name: 'p', in: 'query' }],
            responses: { '200': { content: { 'application/json': {} } } },
          },
        },
      },
    });
  });

  it('keeps schema properties that are named like prose keywords', () => {
    const schema = {
      type: 'object',
      description: 'A step',
      required: ['description'],
      properties: {
        description: { type: 'string', description: 'the step text', example: 'Open the page' },
        summary: { type: 'string' },
      },
    };
    expect(stripProse({ components: { schemas: { Step: schema } } })).toEqual({
      components: {
        schemas: {
          Step: {
            type: 'object',
            required: ['description'],
            properties: { description: { type: 'string' }, summary: { type: 'string' } },
          },
        },
      },
    });
  });

  it('keeps schemas named like prose keywords and strips inside them', () => {
    const out = stripProse({ definitions: { example: { type: 'string', example: 'e' } } });
    expect(out).toEqual({ definitions: { example: { type: 'string' } } });
  });
});
