import { describe, expect, it } from "vitest";
import { engineDeadlineS } from "@/lib/env";

describe("engineDeadlineS", () => {
  it("is the upstream timeout, but never past the lease less a margin for recording the call", () => {
    expect(engineDeadlineS({ UPSTREAM_TIMEOUT_S: 170, LEASE_TTL_S: 200 })).toBe(170);
    expect(engineDeadlineS({ UPSTREAM_TIMEOUT_S: 170, LEASE_TTL_S: 100 })).toBe(95);
    expect(engineDeadlineS({ UPSTREAM_TIMEOUT_S: 30, LEASE_TTL_S: 6 })).toBe(1);
  });
});
