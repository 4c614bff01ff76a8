import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

describe("environment", () => {
  it("seeds the demo dataset by default only into the embedded database with the local engine", () => {
    expect(parseEnv({}).SEED_DEMO).toBe(true);
    expect(parseEnv({ UPSTREAM_BASE_URL: "https://images.example" }).SEED_DEMO).toBe(false);
    expect(parseEnv({ DATABASE_URL: "postgres://db.example/imgledger" }).SEED_DEMO).toBe(false);
    expect(parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://db.example/imgledger" }).SEED_DEMO).toBe(false);
    expect(parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://db.example/imgledger", SEED_DEMO: "1" }).SEED_DEMO).toBe(true);
    expect(parseEnv({ UPSTREAM_BASE_URL: "https://images.example", SEED_DEMO: "1" }).SEED_DEMO).toBe(true);
    expect(parseEnv({ SEED_DEMO: "0" }).SEED_DEMO).toBe(false);
  });

  it("refuses the old DEMO_DATA name with a pointer to SEED_DEMO", () => {
    expect(() => parseEnv({ DEMO_DATA: "on" })).toThrow(/DEMO_DATA: renamed: use SEED_DEMO=1/);
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
