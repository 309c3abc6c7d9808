import { describe, expect, it } from 'vitest';
import { storedDeliveryId } from './delivery-key';

describe('stored delivery id', () => {
  it('keeps short ids and hashes long ones stably', () => {
    expect(storedDeliveryId('msg_2KWPBgLlAfxdpx2AI54pPJ85f4W')).toBe('msg_2KWPBgLlAfxdpx2AI54pPJ85f4W');
    const long = 'x'.repeat(5_000);
    expect(storedDeliveryId(long)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(storedDeliveryId(long)).toBe(storedDeliveryId('x'.repeat(5_000)));
    expect(storedDeliveryId(long)).not.toBe(storedDeliveryId('y'.repeat(5_000)));
  });
});
