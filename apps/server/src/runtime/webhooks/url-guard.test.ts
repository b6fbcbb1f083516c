import { describe, expect, it } from 'vitest';
import { checkWebhookUrl, isPublicAddress, type ResolveHost } from './url-guard.ts';

const strict = { requireHttps: false, allowPrivate: false };
const production = { requireHttps: true, allowPrivate: false };
const resolvesTo =
  (...addresses: string[]): ResolveHost =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('isPublicAddress', () => {
  it.each([
    ['127.0.0.1', false],
    ['10.0.0.1', false],
    ['172.16.5.4', false],
    ['192.168.1.1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['0.0.0.0', false],
    ['::1', false],
    ['::', false],
    ['fe80::1', false],
    ['fd12:3456::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:8.8.8.8', false],
    ['64:ff9b::a00:1', false],
    ['2002:a00:1::1', false],
    ['::7f00:1', false],
    ['::a00:1', false],
    ['3fff::1', false],
    ['not-an-address', false],
    ['8.8.8.8', true],
    ['93.184.216.34', true],
    ['2606:4700::1111', true],
  ])('%s is public: %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe('checkWebhookUrl', () => {
  const publicDns = resolvesTo('93.184.216.34');

  it.each([
    ['http://127.0.0.1/hook', '127.0.0.1 (loopback)'],
    ['http://169.254.169.254/latest/meta-data', '169.254.169.254 (linkLocal)'],
    ['http://[::ffff:127.0.0.1]/hook', '::ffff:7f00:1 (ipv4Mapped)'],
    ['http://2130706433/hook', '127.0.0.1 (loopback)'],
    ['http://0177.0.0.1/hook', '127.0.0.1 (loopback)'],
    ['http://0x7f.1/hook', '127.0.0.1 (loopback)'],
    ['http://[::1]:8080/hook', '::1 (loopback)'],
    ['http://[fd00::5]/hook', 'fd00::5 (uniqueLocal)'],
    ['http://[::7f00:1]/hook', '::7f00:1 (unicast)'],
  ])('refuses %s, naming the address', async (url, named) => {
    await expect(checkWebhookUrl(url, strict, publicDns)).rejects.toThrow(
      `points to ${named}, not a public address`,
    );
  });

  it('refuses a backslash URL whose host other parsers read as another', async () => {
    for (const url of [
      'https://hooks.example.test\\@127.0.0.1/',
      'http://127.0.0.1\\hooks.example.test/',
    ]) {
      await expect(checkWebhookUrl(url, strict, publicDns)).rejects.toThrow(
        'refused: a backslash in the URL (parsers disagree on its host)',
      );
    }
  });

  it('refuses a name that resolves to a private address', async () => {
    await expect(
      checkWebhookUrl('https://internal.example.test/hook', strict, resolvesTo('10.0.0.1')),
    ).rejects.toThrow(
      'Webhook target https://internal.example.test/hook refused: it points to 10.0.0.1 (private)',
    );
  });

  it('refuses a name when any of its addresses is private', async () => {
    await expect(
      checkWebhookUrl(
        'https://mixed.example.test/',
        strict,
        resolvesTo('93.184.216.34', '127.0.0.1'),
      ),
    ).rejects.toThrow('127.0.0.1 (loopback)');
  });

  it('refuses a name that does not resolve', async () => {
    const nowhere: ResolveHost = async () => {
      throw new Error('ENOTFOUND');
    };
    await expect(checkWebhookUrl('https://nowhere.example.test/', strict, nowhere)).rejects.toThrow(
      'its host nowhere.example.test does not resolve',
    );
  });

  it('accepts a public name and a public address', async () => {
    await expect(
      checkWebhookUrl('https://hooks.example.test/x', strict, publicDns),
    ).resolves.toBeUndefined();
    await expect(
      checkWebhookUrl('http://93.184.216.34/x', strict, publicDns),
    ).resolves.toBeUndefined();
  });

  it('requires HTTPS in production', async () => {
    await expect(
      checkWebhookUrl('http://hooks.example.test/x', production, publicDns),
    ).rejects.toThrow('HTTPS is required in production');
    await expect(
      checkWebhookUrl('https://hooks.example.test/x', production, publicDns),
    ).resolves.toBeUndefined();
  });

  it('refuses other schemes and credentials in the URL', async () => {
    await expect(checkWebhookUrl('ftp://hooks.example.test/x', strict, publicDns)).rejects.toThrow(
      'only http and https are supported',
    );
    await expect(
      checkWebhookUrl('https://user:pw@hooks.example.test/', strict, publicDns),
    ).rejects.toThrow('credentials in the URL');
  });

  it('allows private targets only when told to', async () => {
    const allowing = { requireHttps: false, allowPrivate: true };
    await expect(
      checkWebhookUrl('http://127.0.0.1:9/x', allowing, publicDns),
    ).resolves.toBeUndefined();
  });
});
