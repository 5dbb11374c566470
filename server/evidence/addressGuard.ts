import net from 'node:net';

export interface AddressPolicy {
  allowLoopback: boolean;
  allowPrivate: boolean;
}

function blockList(ranges: Array<[string, number, 'ipv4' | 'ipv6']>): net.BlockList {
  const list = new net.BlockList();
  for (const [network, prefix, type] of ranges) list.addSubnet(network, prefix, type);
  return list;
}

const LOOPBACK = blockList([
  ['127.0.0.0', 8, 'ipv4'],
  ['::1', 128, 'ipv6'],
]);

/** Everything that is not the public internet: private, link-local (cloud metadata), CGNAT, multicast, reserved. */
const INTERNAL = blockList([
  ['0.0.0.0', 8, 'ipv4'],
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['224.0.0.0', 4, 'ipv4'],
  ['240.0.0.0', 4, 'ipv4'],
  // IPv4-compatible, SIIT, NAT64 and 6to4 forms can carry an internal IPv4 address inside.
  ['::', 96, 'ipv6'],
  ['::ffff:0:0:0', 96, 'ipv6'],
  ['64:ff9b::', 96, 'ipv6'],
  ['2002::', 16, 'ipv6'],
  ['fc00::', 7, 'ipv6'],
  ['fe80::', 10, 'ipv6'],
  ['ff00::', 8, 'ipv6'],
]);

/** ::ffff:127.0.0.1 reaches 127.0.0.1, so it is judged as the IPv4 address it wraps. */
function unwrap(address: string): { address: string; type: 'ipv4' | 'ipv6' } | null {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return { address: mapped[1], type: 'ipv4' };
  const family = net.isIP(address);
  if (family === 4) return { address, type: 'ipv4' };
  if (family === 6) return { address, type: 'ipv6' };
  return null;
}

/** Why an address may not be fetched, or null when it may. Anything unparseable is refused. */
export function refusalReason(address: string, policy: AddressPolicy): string | null {
  const ip = unwrap(address);
  if (!ip) return `not an IP address: ${address}`;
  if (LOOPBACK.check(ip.address, ip.type)) return policy.allowLoopback ? null : `loopback address ${address}`;
  if (INTERNAL.check(ip.address, ip.type))
    return policy.allowPrivate ? null : `private or reserved address ${address}`;
  return null;
}
