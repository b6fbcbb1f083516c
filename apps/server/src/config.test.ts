import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('defaults to port 8001 on loopback with the embedded database', () => {
    const config = loadConfig({ INIT_CWD: '/srv/app' });
    expect(config).toMatchObject({
      environment: 'development',
      port: 8001,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: path.resolve('/srv/app', '.data'),
      webhookAllowPrivateUrls: false,
      logLevel: 'info',
    });
  });

  it('names the variable and the value when PORT is not a number', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT: .*port.*\(got "abc"\)/);
  });

  it('rejects out-of-range ports, bad booleans and non-postgres URLs, listing each', () => {
    const attempt = () =>
      loadConfig({
        PORT: '70000',
        WEBHOOK_ALLOW_PRIVATE_URLS: 'yes',
        DATABASE_URL: 'mysql://x',
      });
    expect(attempt).toThrow(/PORT: .*65535/);
    expect(attempt).toThrow(/WEBHOOK_ALLOW_PRIVATE_URLS: expected true or false/);
    expect(attempt).toThrow(/DATABASE_URL: expected a postgresql:\/\/ connection string/);
  });

  it('does not echo secret values in its message', () => {
    expect(() => loadConfig({ TRADEWIND_SECRET_KEY: 'short-secret' })).toThrow(
      /^Invalid environment: TRADEWIND_SECRET_KEY: must be at least 32 characters$/,
    );
  });

  it('requires a secret key and listens on all interfaces in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/TRADEWIND_SECRET_KEY/);
    const config = loadConfig({ NODE_ENV: 'production', TRADEWIND_SECRET_KEY: 'x'.repeat(32) });
    expect(config.host).toBe('0.0.0.0');
  });

  it('treats empty values as unset and parses flags', () => {
    const config = loadConfig({ PORT: '', WEBHOOK_ALLOW_PRIVATE_URLS: '1', HOST: '::' });
    expect(config.port).toBe(8001);
    expect(config.webhookAllowPrivateUrls).toBe(true);
    expect(config.host).toBe('::');
  });
});
