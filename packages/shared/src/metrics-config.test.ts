import { describe, expect, it } from "vitest";
import { metricsOptions, subgraphEnvSchema, subgraphProcessEnv } from "./config.js";
import { operationLabel } from "./metrics.js";

const base = { NODE_ENV: "production", DATABASE_URL: "postgres://a@b/c", IDENTITY_SECRET: "x".repeat(32) };

describe("metrics settings", () => {
  it("are off unless METRICS_PORT is set, and bind to loopback by default", () => {
    expect(metricsOptions(subgraphEnvSchema.parse(base))).toBeUndefined();
    expect(metricsOptions(subgraphEnvSchema.parse({ ...base, METRICS_PORT: "9464" }))).toEqual({
      host: "127.0.0.1",
      port: 9464,
      token: undefined,
    });
  });

  it("refuse, in production, metrics reachable beyond the machine without a token", () => {
    expect(subgraphEnvSchema.safeParse({ ...base, METRICS_PORT: "9464", METRICS_HOST: "0.0.0.0" }).success).toBe(false);
    expect(
      subgraphEnvSchema.safeParse({ ...base, METRICS_PORT: "9464", METRICS_HOST: "0.0.0.0", METRICS_TOKEN: "t".repeat(24) }).success,
    ).toBe(true);
    expect(subgraphEnvSchema.safeParse({ ...base, NODE_ENV: "development", METRICS_PORT: "9464", METRICS_HOST: "0.0.0.0" }).success).toBe(
      true,
    );
  });
});

describe("subgraphs sharing one process", () => {
  it("serve metrics only on a port given to one of them, never on the supervisor's (the gateway's)", () => {
    const processEnv = { METRICS_PORT: "9464", DATABASE_URL: "postgres://a@b/c" };
    expect(subgraphProcessEnv(processEnv, { PORT: "4001", METRICS_PORT: "9465" })).toEqual({
      DATABASE_URL: "postgres://a@b/c",
      PORT: "4001",
      METRICS_PORT: "9465",
    });
    expect(subgraphProcessEnv(processEnv, { PORT: "4002" })).toEqual({ DATABASE_URL: "postgres://a@b/c", PORT: "4002" });
  });
});

describe("operation labels", () => {
  it("keep plain operation names and bound everything else", () => {
    expect(operationLabel("ReadCase")).toBe("ReadCase");
    expect(operationLabel(undefined)).toBe("anonymous");
    expect(operationLabel("山田太郎")).toBe("other");
    expect(operationLabel("a".repeat(65))).toBe("other");
    for (let i = 0; i < 600; i++) operationLabel(`Flood${i}`);
    expect(operationLabel("FloodNew")).toBe("other");
    expect(operationLabel("ReadCase")).toBe("ReadCase");
  });
});
