import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { MethodTable } from './method-table';
import { fieldErrors } from './request-validation';

describe('fieldErrors', () => {
  const schema = z.strictObject({
    events: z.array(z.object({ occurredAt: z.iso.datetime(), attributes: z.record(z.string(), z.number()) })),
  });

  it('names body paths as events[3].occurredAt and lists unknown keys one by one', () => {
    const result = schema.safeParse({
      events: [{ occurredAt: 'x', attributes: { 'a.b': 'no' } }],
      extra: 1,
      more: 2,
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(fieldErrors(result.error.issues).map((error) => error.path)).toEqual([
      'events[0].occurredAt',
      'events[0].attributes["a.b"]',
      'extra',
      'more',
    ]);
  });

  it('prefixes other request parts and names the whole body when it is the problem', () => {
    const issues = (value: unknown, s: z.ZodType) => {
      const result = s.safeParse(value);
      return result.success ? [] : result.error.issues;
    };
    expect(fieldErrors(issues({}, z.object({ limit: z.number() })), 'querystring')[0]?.path).toBe('query.limit');
    expect(fieldErrors(issues({}, z.object({ 'webhook-id': z.string() })), 'headers')[0]?.path).toBe('headers.webhook-id');
    expect(fieldErrors(issues({ a: [1, 'x'] }, z.object({ a: z.array(z.number()) })), 'querystring')[0]?.path).toBe('query.a[1]');
    expect(fieldErrors(issues('text', z.object({})), 'body')[0]?.path).toBe('body');
    expect(fieldErrors(issues(5, z.object({})), 'params')[0]?.path).toBe('params');
  });
});

describe('MethodTable', () => {
  it('finds the methods of a path through parameters, regex parameters and wildcards', () => {
    const table = new MethodTable();
    table.add('/v1/sources/:sourceId/events', 'POST');
    table.add('/v1/webhooks/:platform/:sourceId', ['GET', 'POST']);
    table.add('/v1/items/:id(^\\d+)', 'GET');
    table.add('/static/*', 'GET');
    table.add('/a.b', 'GET');
    expect(table.allowed('/v1/sources/s-1/events')).toEqual(['POST']);
    expect(table.allowed('/v1/webhooks/x/s-1')).toEqual(['GET', 'POST']);
    expect(table.allowed('/v1/items/42')).toEqual(['GET']);
    expect(table.allowed('/v1/items/abc')).toEqual([]);
    expect(table.allowed('/static/js/app.js')).toEqual(['GET']);
    expect(table.allowed('/aXb')).toEqual([]);
    expect(table.allowed('/v1/sources/s-1/events/extra')).toEqual([]);
  });
});
