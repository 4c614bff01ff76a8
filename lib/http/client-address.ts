import "server-only";
import { BlockList, isIP } from "node:net";
import { env } from "@/lib/env";
import { PEER_HEADER } from "./peer-address";

/**
 * The client's address: the TCP peer's, unless the peer is one of TRUSTED_PROXIES; then
 * X-Forwarded-For is read from the right (each proxy appends the address it saw), skipping
 * trusted proxies, and the right-most untrusted entry is the client. Entries further left were
 * written by the client itself and are never believed. Without the peer header (a server that
 * did not load the instrumentation hook) every request counts as one unknown client.
 */
export function clientAddress(req: Request, trusted: BlockList = trustedProxies()): string {
  return addressOf(req.headers.get(PEER_HEADER) ?? "", req.headers.get("x-forwarded-for") ?? "", trusted);
}

/** The same from the TCP peer's address and the X-Forwarded-For header (for the HTTP server's front door). */
export function addressOf(peerAddress: string, forwardedFor: string, trusted: BlockList = trustedProxies()): string {
  const peer = normalize(peerAddress);
  if (!peer) return "unknown";
  if (!isTrusted(trusted, peer)) return peer;
  const hops = forwardedFor.split(",").map((h) => normalize(h.trim()));
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (!hop) continue;
    // A malformed hop means the chain cannot be followed further: the last hop we trust is it.
    if (!isIP(hop)) return peer;
    if (!isTrusted(trusted, hop)) return hop;
  }
  return peer;
}

/** Parses TRUSTED_PROXIES entries (addresses or CIDR blocks, IPv4 or IPv6). */
export function parseTrustedProxies(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.split("/");
    const type = isIP(address ?? "") === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(address!, type);
    else list.addSubnet(address!, Number(bits), type);
  }
  return list;
}

let cached: BlockList | undefined;
function trustedProxies(): BlockList {
  return (cached ??= parseTrustedProxies(env.TRUSTED_PROXIES));
}

function isTrusted(list: BlockList, address: string): boolean {
  return list.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");
}

/** `::ffff:127.0.0.1` (an IPv4 client on a dual-stack socket) is 127.0.0.1. */
function normalize(address: string): string {
  const a = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  return (mapped ? mapped[1]! : a).slice(0, 64);
}
