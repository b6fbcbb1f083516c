import type { LookupAddress } from 'node:dns';
import dns from 'node:dns';
import { DomainError } from '@tradewind/core';
import ipaddr from 'ipaddr.js';

/** Where webhooks may go. */
export type WebhookUrlPolicy = {
  /** Production: plain http is refused. */
  requireHttps: boolean;
  /** Development and tests: loopback, private and link-local targets are allowed. */
  allowPrivate: boolean;
};

/** Resolves a host name to all its addresses; injected in tests, `dns.lookup` otherwise. */
export type ResolveHost = (hostname: string) => Promise<readonly LookupAddress[]>;

export const systemResolver: ResolveHost = (hostname) =>
  dns.promises.lookup(hostname, { all: true, verbatim: true });

/** IPv6 global unicast (RFC 4291): every routable IPv6 address lies in it. */
const GLOBAL_UNICAST_IPV6 = ipaddr.parseCIDR('2000::/3');

/**
 * Only globally routable unicast addresses are public. Everything else ipaddr.js names —
 * loopback, private, link-local (cloud metadata), unique-local, carrier-grade NAT, IPv4-mapped
 * and NAT64/6to4 forms that can embed a private IPv4, reserved, multicast — is refused, and so
 * is IPv6 outside global unicast, which ipaddr.js calls "unicast" too: the deprecated
 * IPv4-compatible form `::7f00:1` (127.0.0.1) reaches loopback on some stacks.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && !parsed.match(GLOBAL_UNICAST_IPV6)) return false;
  return parsed.range() === 'unicast';
}

/** The URL's host as an IP literal (brackets removed), or null when it is a name. */
function ipLiteral(hostname: string): string | null {
  const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(bare) ? bare : null;
}

function refused(target: string, reason: string): DomainError {
  return new DomainError('VALIDATION_ERROR', `Webhook target ${target} refused: ${reason}`, {
    field: 'url',
  });
}

/** Throws a clear error when a resolved address may not be connected to. */
export function assertAddressAllowed(
  target: string,
  address: string,
  policy: WebhookUrlPolicy,
): void {
  if (policy.allowPrivate || isPublicAddress(address)) return;
  const range = ipaddr.isValid(address) ? ipaddr.parse(address).range() : 'invalid';
  throw refused(
    target,
    `it points to ${address} (${range}), not a public address; set WEBHOOK_ALLOW_PRIVATE_URLS=true to allow private targets`,
  );
}

/**
 * Checks what can be checked without DNS: an absolute http(s) URL (https in production), no
 * credentials, and an IP-literal host that is allowed. Sockets skip the lookup for IP literals,
 * so this check is the connect-time guard for them.
 */
export function parseWebhookUrl(url: string, policy: WebhookUrlPolicy): URL {
  // WHATWG parsing reads a backslash as "/", RFC 3986 parsers (curl, most libraries) as part of
  // the user info: `https://example.com<backslash>@127.0.0.1/` names two hosts, so it is refused.
  if (url.includes('\\'))
    throw refused(url, 'a backslash in the URL (parsers disagree on its host)');
  // WHATWG parsing also normalises decimal, octal and hex IPv4 forms (2130706433 -> 127.0.0.1).
  const parsed = URL.canParse(url) ? new URL(url) : null;
  if (parsed === null) throw refused(url, 'not an absolute URL');
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw refused(url, 'only http and https are supported');
  }
  if (policy.requireHttps && parsed.protocol !== 'https:') {
    throw refused(url, 'HTTPS is required in production');
  }
  if (parsed.username || parsed.password) throw refused(url, 'credentials in the URL');
  const literal = ipLiteral(parsed.hostname);
  if (literal !== null) assertAddressAllowed(url, literal, policy);
  return parsed;
}

/**
 * Checks a webhook URL when a subscription is saved: its shape and every address its host
 * resolves to. The sender checks again when it connects (see `guardedLookup`), so a name that
 * later resolves elsewhere (DNS rebinding) is still refused.
 */
export async function checkWebhookUrl(
  url: string,
  policy: WebhookUrlPolicy,
  resolve: ResolveHost = systemResolver,
): Promise<void> {
  const parsed = parseWebhookUrl(url, policy);
  if (policy.allowPrivate || ipLiteral(parsed.hostname) !== null) return;
  const addresses = await resolve(parsed.hostname).catch(() => []);
  if (addresses.length === 0) throw refused(url, `its host ${parsed.hostname} does not resolve`);
  for (const { address } of addresses) assertAddressAllowed(url, address, policy);
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `net.connect` lookup that resolves the name itself and hands the socket only addresses it
 * checked, so the connection goes exactly where the check looked. Any private answer refuses the
 * whole name: a rebinding attacker mixing public and private records gains nothing.
 */
export function guardedLookup(policy: WebhookUrlPolicy, resolve: ResolveHost) {
  return (
    hostname: string,
    options: { all?: boolean } | number | undefined,
    callback: LookupCallback,
  ): void => {
    const wantsAll = typeof options === 'object' && options?.all === true;
    resolve(hostname).then(
      (addresses) => {
        try {
          if (addresses.length === 0) throw refused(hostname, 'it does not resolve');
          for (const { address } of addresses) assertAddressAllowed(hostname, address, policy);
        } catch (error) {
          callback(error as NodeJS.ErrnoException, '');
          return;
        }
        const [first] = addresses as [LookupAddress];
        if (wantsAll) callback(null, [...addresses]);
        else callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}
