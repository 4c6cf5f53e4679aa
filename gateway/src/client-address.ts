import type http from "node:http";
import net from "node:net";

/**
 * The proxies in front of the gateway whose `X-Forwarded-For` is believed (`TRUSTED_PROXIES`):
 * addresses or CIDR ranges, IPv4 or IPv6. Empty (the default): no header is believed, and the
 * client is the socket's peer.
 */
export type TrustedProxies = readonly string[];

/** `::ffff:10.0.0.1` → `10.0.0.1`: an IPv4 peer of a dual-stack socket, as the ranges name it. */
function plain(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

/**
 * An IPv6 client as the network it holds: its /64 (`2001:db8:1:2::/64`). One subscriber is given a
 * whole /64, so counted address by address it could fail without end; IPv4 addresses stand as they are.
 */
function counted(address: string): string {
  if (net.isIP(address) !== 6) return address;
  const bare = address.split("%")[0]!;
  const [head = "", tail] = bare.split("::");
  const groupsOf = (part: string) =>
    part
      ? part.split(":").flatMap((g) => {
          if (!g.includes(".")) return [g];
          const [a, b, c, d] = g.split(".").map(Number) as [number, number, number, number];
          return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
        })
      : [];
  const front = groupsOf(head);
  const back = tail === undefined ? [] : groupsOf(tail);
  const groups = [...front, ...Array<string>(8 - front.length - back.length).fill("0"), ...back];
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(":")}::/64`;
}

/** One entry of `TRUSTED_PROXIES` (`10.0.0.0/8`, `192.168.1.5`, `fd00::/8`): valid or not. */
export function validProxyEntry(entry: string): boolean {
  const [address, prefix, extra] = entry.split("/");
  if (extra !== undefined || !address) return false;
  const family = net.isIP(address);
  if (!family) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

function blockListOf(trusted: TrustedProxies): net.BlockList {
  const list = new net.BlockList();
  for (const entry of trusted) {
    if (!validProxyEntry(entry)) throw new Error(`TRUSTED_PROXIES: not an address or range: ${entry}`);
    const [address, prefix] = entry.split("/") as [string, string | undefined];
    const type = net.isIP(address) === 4 ? "ipv4" : "ipv6";
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return list;
}

/** Each setting's compiled list, built once (settings are fixed at start). */
const compiled = new WeakMap<TrustedProxies, net.BlockList>();

function isTrusted(list: net.BlockList, address: string): boolean {
  const family = net.isIP(address);
  return family !== 0 && list.check(address, family === 4 ? "ipv4" : "ipv6");
}

/**
 * The address failed authentications are counted under. Behind trusted proxies, the client is the
 * right-most `X-Forwarded-For` entry that is not itself a trusted proxy: each proxy appends the peer
 * it saw, so entries to its left were written by the client and prove nothing. At most `hops` proxies
 * are believed (`TRUSTED_PROXY_HOPS`, the proxies in the chain: 1 for one Ingress): a client whose
 * own address lies in a trusted range (a city network in 10.0.0.0/8) is not taken for a proxy, and
 * what it writes to the left of its address is not believed. A peer that is not a trusted proxy is
 * the client, whatever header it sends. An IPv6 client counts as its /64.
 */
export function clientAddress(req: http.IncomingMessage | undefined, trusted: TrustedProxies = [], hops = 1): string {
  return counted(forwardedClient(req, trusted, hops));
}

function forwardedClient(req: http.IncomingMessage | undefined, trusted: TrustedProxies, hops: number): string {
  const peer = req?.socket?.remoteAddress;
  if (!peer) return "unknown";
  let client = plain(peer);
  if (trusted.length === 0) return client;
  let list = compiled.get(trusted);
  if (!list) compiled.set(trusted, (list = blockListOf(trusted)));
  if (!isTrusted(list, client)) return client;
  const header = req.headers["x-forwarded-for"];
  const entries = (Array.isArray(header) ? header.join(",") : (header ?? "")).split(",");
  // The peer is the first proxy believed; each entry is the address the proxy to its right saw.
  for (let i = entries.length - 1, believed = 1; i >= 0; i--, believed++) {
    const entry = plain(entries[i]!.trim());
    // An entry no proxy could have written: the last address a trusted proxy vouched for stands.
    if (!net.isIP(entry)) return client;
    client = entry;
    if (!isTrusted(list, entry) || believed >= hops) return client;
  }
  return client;
}
