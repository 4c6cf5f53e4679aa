import net from "node:net";
import type { AddressInfo } from "node:net";

/**
 * What a Kubernetes Service (or any L4 load balancer) does in front of replicas, for tests:
 * connections go round-robin to the upstream ports; a port that refuses the connection is skipped.
 * When either side of a connection dies, the other is closed (as a killed pod's connections are).
 */
export interface Balancer {
  url: (path?: string) => string;
  port: number;
  /** Connections accepted per upstream port. */
  accepted: Map<number, number>;
  close(): Promise<void>;
}

export async function startBalancer(upstreams: number[]): Promise<Balancer> {
  let next = 0;
  const accepted = new Map<number, number>();
  const sockets = new Set<net.Socket>();
  const connect = (client: net.Socket, tried = 0) => {
    if (tried >= upstreams.length) return client.destroy();
    const port = upstreams[next++ % upstreams.length]!;
    const upstream = net.connect({ host: "127.0.0.1", port });
    let connected = false;
    sockets.add(upstream);
    upstream.once("connect", () => {
      connected = true;
      accepted.set(port, (accepted.get(port) ?? 0) + 1);
      client.pipe(upstream).pipe(client);
      client.resume();
    });
    upstream.on("error", () => {
      if (connected) return client.destroy();
      sockets.delete(upstream);
      connect(client, tried + 1);
    });
    upstream.once("close", () => {
      sockets.delete(upstream);
      if (connected) client.destroy();
    });
    client.once("close", () => upstream.destroy());
  };
  const server = net.createServer({ pauseOnConnect: true }, (client) => {
    sockets.add(client);
    client.once("close", () => sockets.delete(client));
    client.on("error", () => undefined);
    connect(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: (path = "/graphql") => `http://127.0.0.1:${port}${path}`,
    accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
