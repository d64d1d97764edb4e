import ipaddr from 'ipaddr.js';

/**
 * Which IP addresses a webhook may reach. Only globally routed unicast is allowed; every other
 * class (loopback, private, link-local, unique-local, CGNAT, multicast, unspecified, reserved,
 * IPv6 transition ranges that can wrap a private IPv4) is refused with the reason. An IPv4 address
 * wrapped in IPv6 (`::ffff:127.0.0.1`) is judged as the IPv4 address it is.
 */

/** Ranges `WEBHOOK_ALLOW_PRIVATE=true` opens for local development; the rest stay closed. */
const PRIVATE_RANGES = new Set(['loopback', 'private', 'linkLocal', 'uniqueLocal', 'carrierGradeNat']);

/** Cloud metadata endpoints: refused even when private targets are allowed. */
const METADATA_ADDRESSES = new Set(['169.254.169.254', '169.254.170.2', 'fd00:ec2::254', '100.100.100.200']);

const RANGE_NAMES: Record<string, string> = {
  loopback: 'a loopback address',
  private: 'a private address',
  linkLocal: 'a link-local address',
  uniqueLocal: 'a unique-local address',
  carrierGradeNat: 'a carrier-grade NAT (shared) address',
  multicast: 'a multicast address',
  broadcast: 'the broadcast address',
  unspecified: 'an unspecified address',
};

export interface AddressVerdict {
  /** The address as judged (an IPv4-mapped IPv6 address as its IPv4 form). */
  address: string;
  family: 4 | 6;
  /** Why the address is refused; undefined when a webhook may reach it. */
  refused: string | undefined;
}

/** True when `host` is an IP address literal (without brackets). */
export function isIpLiteral(host: string): boolean {
  return ipaddr.isValid(host);
}

/** Judges one IP address (a literal as URL parsing or DNS gives it). */
export function judgeAddress(text: string, allowPrivate: boolean): AddressVerdict {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6 = ipaddr.parse(text);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const family = parsed.kind() === 'ipv4' ? 4 : 6;
  const address = parsed.toString();
  const verdict = (refused: string | undefined): AddressVerdict => ({ address, family, refused });
  if (METADATA_ADDRESSES.has(address)) return verdict(`${address} is a cloud metadata address`);
  const range = parsed.range();
  if (range === 'unicast') return verdict(undefined);
  if (allowPrivate && PRIVATE_RANGES.has(range)) return verdict(undefined);
  return verdict(`${address} is ${RANGE_NAMES[range] ?? `in a reserved range (${range})`}`);
}
