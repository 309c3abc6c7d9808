import { describe, expect, it } from 'vitest';
import { contextFromTraceparent, currentContext, runWithContext, toTraceparent } from './request-context';

describe('request context', () => {
  it('is visible across awaits inside runWithContext and absent outside', async () => {
    expect(currentContext()).toBeUndefined();
    const seen = await runWithContext({ requestId: 'r-1' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return currentContext()?.requestId;
    });
    expect(seen).toBe('r-1');
    expect(currentContext()).toBeUndefined();
  });

  it('continues a valid W3C trace with a new span', () => {
    const parent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const context = contextFromTraceparent(parent, 'req-9');
    expect(context.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(context.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(context.spanId).not.toBe('00f067aa0ba902b7');
    expect(context.requestId).toBe('req-9');
    expect(toTraceparent(context)).toBe(`00-4bf92f3577b34da6a3ce929d0e0e4736-${context.spanId}-01`);
  });

  it.each([undefined, 'garbage', '00-00000000000000000000000000000000-00f067aa0ba902b7-01', '00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01'])(
    'starts a new trace when traceparent is %s',
    (traceparent) => {
      const a = contextFromTraceparent(traceparent);
      const b = contextFromTraceparent(traceparent);
      expect(a.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(a.traceId).not.toBe(b.traceId);
    },
  );
});
