import dns from 'node:dns';
import net from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Only public unicast addresses: not private (10/8, 172.16/12, 192.168/16, fc00::/7), loopback,
 * link-local (169.254/16 and its cloud metadata service, fe80::/10), carrier-grade NAT,
 * multicast, reserved or unspecified. IPv4-mapped IPv6 addresses are judged as IPv4.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

/** A refusal of the address a URL's host is or resolves to. */
export class PrivateAddressError extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(`${host} is a private, loopback or link-local address (${address}): refused`);
  }
}

/** The host of a URL as an IP address, without IPv6 brackets; null for a name. */
export function literalAddress(url: URL): string | null {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return net.isIP(host) ? host : null;
}

/**
 * A `lookup` for http.request that refuses names resolving to non-public addresses: the check
 * runs on the very addresses the socket connects to, so a name that resolved to a public address
 * when the webhook was registered cannot be re-pointed at the internal network later.
 */
export const publicOnlyLookup: net.LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '', 0);
    const refused = addresses.find((a) => !isPublicAddress(a.address));
    if (refused) return callback(Object.assign(new PrivateAddressError(hostname, refused.address), { code: 'EPRIVATE' }), '', 0);
    if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
    const [first] = addresses;
    callback(null, first!.address, first!.family);
  });
};

/** Every address a host resolves to (for checking a URL when it is registered). */
export async function resolveAll(host: string): Promise<string[]> {
  const addresses = await dns.promises.lookup(host, { all: true });
  return addresses.map((a) => a.address);
}
