import type http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { logger } from "@marugoto/shared/core";
import type { GatewayOptions, Runtime } from "./gateway-options.js";
import { createHttpServer } from "./routes.js";
import { defaultSecurity, RateLimiter } from "./security.js";

/**
 * The gateway's HTTP server with its own routes and a stand-in for the runtime: a request whose
 * handling fails (the development sign-in, whose key cannot be read; the runtime) is answered 500,
 * or cut off once its answer is under way, and the server goes on. Before, the rejection escaped the
 * request handler and, unhandled, ended the process.
 */
let server: http.Server;
let base: string;

beforeAll(async () => {
  const options = {
    production: false,
    subgraphUrls: {},
    identitySecret: "x".repeat(32),
    devToken: () => Promise.reject(new Error("EACCES: the development key cannot be read")),
  } as unknown as GatewayOptions;
  // The runtime fails before answering, or once its answer is under way.
  const runtime = ((req: http.IncomingMessage, res: http.ServerResponse) => {
    if (req.url === "/fails") return Promise.reject(new Error("the runtime failed"));
    if (req.url === "/fails-midway") {
      res.writeHead(200, { "content-type": "text/plain" }).write("half of ");
      return Promise.reject(new Error("the runtime failed midway"));
    }
    res.writeHead(404).end();
  }) as unknown as Runtime;
  server = createHttpServer({
    options,
    security: defaultSecurity(false),
    runtime,
    authFailures: new RateLimiter(60),
    limiter: new RateLimiter(60),
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server?.close(() => resolve())));

describe("the gateway's request handler", () => {
  it("answers 500 for a request whose route fails, logs it, and goes on answering", async () => {
    const errors = vi.spyOn(logger, "error").mockImplementation(() => {});
    try {
      // The signal only keeps a hanging request (the failure unanswered) from holding the test.
      const answer = await fetch(`${base}/dev/token?org=seikatsu-fukushi&role=staff`, { signal: AbortSignal.timeout(10_000) });
      expect(answer.status).toBe(500);
      expect(await answer.json()).toEqual({
        errors: [{ message: "サーバーで問題が発生しました。", extensions: { code: "INTERNAL_SERVER_ERROR" } }],
      });
      expect(errors).toHaveBeenCalledWith("request failed", expect.objectContaining({ server: "gateway" }));
    } finally {
      errors.mockRestore();
    }
    expect((await fetch(`${base}/healthcheck`)).status).toBe(200);
  });

  it("answers 500 when the runtime fails before answering, cuts off an answer under way, and goes on answering", async () => {
    const errors = vi.spyOn(logger, "error").mockImplementation(() => {});
    try {
      const failed = await fetch(`${base}/fails`, { signal: AbortSignal.timeout(10_000) });
      expect(failed.status).toBe(500);
      expect((await failed.json()).errors[0].extensions.code).toBe("INTERNAL_SERVER_ERROR");
      // Half an answer must not pass for a whole one: the connection is cut, the body never ends.
      const midway = fetch(`${base}/fails-midway`, { signal: AbortSignal.timeout(10_000) }).then((r) => r.text());
      await expect(midway).rejects.toThrow(/fetch failed|terminated/);
      expect(errors).toHaveBeenCalledTimes(2);
    } finally {
      errors.mockRestore();
    }
    expect((await fetch(`${base}/healthcheck`)).status).toBe(200);
  });
});
