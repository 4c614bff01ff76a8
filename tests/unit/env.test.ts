import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

describe("environment", () => {
  it("seeds demo data by default only without a real upstream", () => {
    expect(parseEnv({}).DEMO_DATA).toBe(true);
    expect(parseEnv({ UPSTREAM_BASE_URL: "https://images.example" }).DEMO_DATA).toBe(false);
    expect(parseEnv({ UPSTREAM_BASE_URL: "https://images.example", DEMO_DATA: "on" }).DEMO_DATA).toBe(true);
    expect(parseEnv({ DEMO_DATA: "off" }).DEMO_DATA).toBe(false);
  });

  it("refuses a lease shorter than the longest call it guards, naming the variable", () => {
    expect(() => parseEnv({ UPSTREAM_BASE_URL: "https://images.example", UPSTREAM_TIMEOUT_S: "300" })).toThrow(
      /LEASE_TTL_S: must be at least UPSTREAM_TIMEOUT_S \+ 5 s/,
    );
    expect(() => parseEnv({ LOCAL_ENGINE_DELAY_MS: "600000" })).toThrow(/LEASE_TTL_S: must be at least LOCAL_ENGINE_DELAY_MS/);
    expect(parseEnv({ UPSTREAM_BASE_URL: "https://images.example", UPSTREAM_TIMEOUT_S: "300", LEASE_TTL_S: "305" }).LEASE_TTL_S).toBe(305);
  });

  it("names a bad value", () => {
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => parseEnv({ ALLOWED_SIZES: "1024x1024, 1536x1024" }).ALLOWED_SIZES).not.toThrow();
  });
});
