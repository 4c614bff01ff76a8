import { describe, expect, it } from "vitest";
import { clientAddress, parseTrustedProxies } from "@/lib/http/client-address";
import { PEER_HEADER } from "@/lib/http/peer-address";

const req = (peer: string | null, xff?: string) =>
  new Request("http://x/", { headers: { ...(peer !== null ? { [PEER_HEADER]: peer } : {}), ...(xff ? { "x-forwarded-for": xff } : {}) } });

describe("clientAddress", () => {
  const none = parseTrustedProxies([]);
  const proxies = parseTrustedProxies(["10.0.0.0/8", "127.0.0.1", "fd00::/8"]);

  it("is the TCP peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddress(req("203.0.113.9", "1.2.3.4"), none)).toBe("203.0.113.9");
    expect(clientAddress(req("::ffff:198.51.100.2"), none)).toBe("198.51.100.2");
    expect(clientAddress(req(null, "1.2.3.4"), none)).toBe("unknown");
  });

  it("behind trusted proxies: the right-most untrusted hop", () => {
    expect(clientAddress(req("127.0.0.1", "203.0.113.5"), proxies)).toBe("203.0.113.5");
    expect(clientAddress(req("127.0.0.1", "6.6.6.6, 203.0.113.5, 10.1.1.1"), proxies)).toBe("203.0.113.5");
    expect(clientAddress(req("fd00::1", "2001:db8::7"), proxies)).toBe("2001:db8::7");
    // Every hop trusted: the proxy itself is the client; a hop that is not an address stops the walk.
    expect(clientAddress(req("127.0.0.1", "10.2.2.2"), proxies)).toBe("127.0.0.1");
    expect(clientAddress(req("127.0.0.1", "6.6.6.6, not-an-ip"), proxies)).toBe("127.0.0.1");
    // A peer that is not a trusted proxy is believed over its header.
    expect(clientAddress(req("198.51.100.9", "203.0.113.5"), proxies)).toBe("198.51.100.9");
  });
});

describe("TRUSTED_PROXIES", () => {
  it("takes addresses and CIDR blocks, and refuses anything else naming the setting", async () => {
    const { parseEnv } = await import("@/lib/env");
    expect(parseEnv({ TRUSTED_PROXIES: "10.0.0.0/8, 127.0.0.1,::1" }).TRUSTED_PROXIES).toEqual(["10.0.0.0/8", "127.0.0.1", "::1"]);
    expect(parseEnv({}).TRUSTED_PROXIES).toEqual([]);
    expect(() => parseEnv({ TRUSTED_PROXIES: "10.0.0.0/33" })).toThrow(/TRUSTED_PROXIES: must be IP addresses or CIDR blocks/);
    expect(() => parseEnv({ TRUSTED_PROXIES: "proxy.local" })).toThrow(/TRUSTED_PROXIES/);
  });
});
