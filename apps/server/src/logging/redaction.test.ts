import { describe, expect, it } from 'vitest';
import { redactText } from './redaction.ts';

describe('redactText', () => {
  it('replaces credential parameters, whatever else the query holds', () => {
    expect(redactText('/api/ws?token=abc&topics=x')).toBe('/api/ws?token=[REDACTED]&topics=x');
    expect(redactText('/x?a=1&Access_Token=abc&API_KEY=k&password=p')).toBe(
      '/x?a=1&Access_Token=[REDACTED]&API_KEY=[REDACTED]&password=[REDACTED]',
    );
    expect(redactText('/x?%74oken=abc')).toBe('/x?%74oken=[REDACTED]');
    expect(redactText('/websocket/stats?token=a&token=b')).toBe(
      '/websocket/stats?token=[REDACTED]&token=[REDACTED]',
    );
  });

  it("replaces this server's token shapes anywhere, under any name", () => {
    expect(redactText('/hook/tvw_abc-1?q=twk_123&r=eyJa.eyJb.sig')).toBe(
      '/hook/[REDACTED]?q=[REDACTED]&r=[REDACTED]',
    );
    expect(redactText('Route GET:/x?key=tws_1 not found')).toBe(
      'Route GET:/x?key=[REDACTED] not found',
    );
  });

  it('leaves what carries no credential alone', () => {
    for (const text of ['/health', '/trpc/bots.list?batch=1&input=%7B%7D', 'tokens are fine']) {
      expect(redactText(text)).toBe(text);
    }
  });
});
