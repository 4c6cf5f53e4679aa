import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { freePorts } from "./embedded-postgres.js";

describe("free ports for the graph's servers", () => {
  it("are distinct, free, not avoided, and outside the range the OS gives outgoing connections", async () => {
    const [low, high] = readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/).map(Number) as [number, number];
    const avoid = await freePorts(20);
    const ports = await freePorts(40, avoid);
    expect(new Set(ports).size).toBe(40);
    for (const port of ports) {
      expect(avoid).not.toContain(port);
      // A connection opened before the server listens (a pool's, a client's) can never take it.
      expect(port < low || port > high).toBe(true);
      expect(port).toBeGreaterThan(1024);
    }
    // Each can be listened on once handed out.
    for (const port of ports.slice(0, 5)) {
      const server = createServer();
      await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, "127.0.0.1", resolve));
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
