import ipaddr from 'ipaddr.js';

/** Largest allowlist a tenant may store; a few office networks fit many times over. */
export const maxAllowlistEntries = 50;

/**
 * Normalises a CIDR (`203.0.113.0/24`, `2001:db8::/32`) or a single address, which becomes a
 * /32 or /128. Returns undefined when the text is neither.
 */
export function normaliseCidr(text: string): string | undefined {
  const value = text.trim();
  try {
    if (value.includes('/')) {
      const [address, prefix] = ipaddr.parseCIDR(value);
      // Keeps the network address, so 203.0.113.7/24 is stored as 203.0.113.0/24.
      const network = address.kind() === 'ipv4'
        ? ipaddr.IPv4.networkAddressFromCIDR(value)
        : ipaddr.IPv6.networkAddressFromCIDR(value);
      return `${network.toString()}/${prefix}`;
    }
    const address = ipaddr.parse(value);
    return `${address.toString()}/${address.kind() === 'ipv4' ? 32 : 128}`;
  } catch {
    return undefined;
  }
}

/** Returns whether a source address lies in a network of the allowlist; an empty list allows every address. */
export function isAllowedSource(sourceIp: string | undefined, allowlist: readonly string[]): boolean {
  if (allowlist.length === 0) return true;
  if (!sourceIp || !ipaddr.isValid(sourceIp)) return false;
  // API Gateway may pass an IPv4 client as an IPv4-mapped IPv6 address (::ffff:203.0.113.7).
  const source = ipaddr.process(sourceIp);
  return allowlist.some((cidr) => {
    const [network, prefix] = ipaddr.parseCIDR(cidr);
    return source.kind() === network.kind() && source.match([network, prefix] as never);
  });
}
