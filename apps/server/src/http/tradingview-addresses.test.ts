import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import {
  normalizeAddress,
  parseAllowedAddresses,
  TRADINGVIEW_SOURCE_ADDRESSES,
} from './tradingview-addresses.ts';

describe('TradingView source addresses', () => {
  it('expands `tradingview` to the published addresses, next to listed ones, once each', () => {
    expect(parseAllowedAddresses(' tradingview , 10.0.0.7,52.89.214.238,::1')).toEqual([
      ...TRADINGVIEW_SOURCE_ADDRESSES,
      '10.0.0.7',
      '::1',
    ]);
  });

  it('refuses what is not an address', () => {
    expect(() => parseAllowedAddresses('10.0.0.7, example.com, 300.1.1.1')).toThrow(
      'not an IP address: example.com, 300.1.1.1',
    );
  });

  it('reads IPv4 clients of a dual-stack socket as IPv4', () => {
    expect(normalizeAddress('::ffff:52.32.178.7')).toBe('52.32.178.7');
    expect(normalizeAddress('::1')).toBe('::1');
  });

  it('is off by default and a wrong setting stops the server with its name', () => {
    expect(loadConfig({}).tradingViewAllowedIps).toBeNull();
    expect(loadConfig({ TRADINGVIEW_ALLOWED_IPS: 'tradingview' }).tradingViewAllowedIps).toEqual([
      ...TRADINGVIEW_SOURCE_ADDRESSES,
    ]);
    expect(() => loadConfig({ TRADINGVIEW_ALLOWED_IPS: 'everyone' })).toThrow(
      'TRADINGVIEW_ALLOWED_IPS: not an IP address: everyone',
    );
  });
});
