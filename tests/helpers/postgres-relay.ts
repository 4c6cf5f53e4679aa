import net from "node:net";

/**
 * A relay to PostgreSQL that can fall silent without closing anything: what a connection gone
 * half-open (a dropped route, a frozen NAT entry) looks like to the client. Bytes are passed on
 * until `silent` is set (every connection) or `silenceOpen` is called (the connections open now).
 */
export interface PostgresRelay {
  /** `databaseUrl` with its host and port replaced by the relay's. */
  url: string;
  /** While true, no connection passes anything on, in either direction. */
  silent: boolean;
  /** The connections open now pass nothing on from here on; later ones do. */
  silenceOpen(): void;
  close(): Promise<void>;
}

export async function startPostgresRelay(databaseUrl: string): Promise<PostgresRelay> {
  const target = new URL(databaseUrl);
  const sockets = new Set<net.Socket>();
  const silenced = new WeakSet<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("error", () => undefined);
      s.on("close", () => sockets.delete(s));
    }
    const passes = () => !relay.silent && !silenced.has(client);
    client.on("data", (d) => void (passes() && upstream.write(d)));
    upstream.on("data", (d) => void (passes() && client.write(d)));
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const via = new URL(databaseUrl);
  via.hostname = "127.0.0.1";
  via.port = String((server.address() as net.AddressInfo).port);
  const relay: PostgresRelay = {
    url: via.toString(),
    silent: false,
    silenceOpen: () => {
      for (const s of sockets) silenced.add(s);
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
  return relay;
}
