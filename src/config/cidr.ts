/** IPv4 CIDR arithmetic for preflight checks and subnet derivation: pure, no AWS calls. */

export interface Ipv4Block {
  readonly base: number; // network address as an unsigned 32-bit integer
  readonly prefix: number;
}

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses "a.b.c.d/n"; returns undefined for anything malformed or with host bits set. */
export function parseCidr(text: string): Ipv4Block | undefined {
  const match = CIDR_PATTERN.exec(text);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const base = octets.reduce((acc, o) => acc * 256 + o, 0);
  if (base % blockSize(prefix) !== 0) return undefined;
  return { base, prefix };
}

export function formatCidr(block: Ipv4Block): string {
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(block.base / 2 ** shift) % 256);
  return `${octets.join(".")}/${block.prefix}`;
}

export function blockSize(prefix: number): number {
  return 2 ** (32 - prefix);
}

export function contains(outer: Ipv4Block, inner: Ipv4Block): boolean {
  return inner.prefix >= outer.prefix && inner.base >= outer.base && inner.base < outer.base + blockSize(outer.prefix);
}

export function overlaps(a: Ipv4Block, b: Ipv4Block): boolean {
  return a.base < b.base + blockSize(b.prefix) && b.base < a.base + blockSize(a.prefix);
}

/** Terraform's cidrsubnet(): the netnum-th block of `newbits` extra prefix bits inside `parent`. */
export function cidrSubnet(parent: Ipv4Block, newbits: number, netnum: number): Ipv4Block {
  const prefix = parent.prefix + newbits;
  if (prefix > 32 || netnum < 0 || netnum >= 2 ** newbits) {
    throw new RangeError(`cidrSubnet: netnum ${netnum} does not fit ${newbits} new bits of ${formatCidr(parent)}`);
  }
  return { base: parent.base + netnum * blockSize(prefix), prefix };
}
