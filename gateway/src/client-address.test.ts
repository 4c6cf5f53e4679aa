import type http from "node:http";
import { describe, expect, it } from "vitest";
import { clientAddress, validProxyEntry } from "./client-address.js";

const request = (peer: string | undefined, forwardedFor?: string | string[]) =>
  ({
    socket: { remoteAddress: peer },
    headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor },
  }) as unknown as http.IncomingMessage;

describe("the client address failed authentications count under", () => {
  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddress(request("192.0.2.1", "203.0.113.7"))).toBe("192.0.2.1");
    expect(clientAddress(request("::ffff:192.0.2.1"))).toBe("192.0.2.1");
    expect(clientAddress(request(undefined))).toBe("unknown");
    expect(clientAddress(undefined)).toBe("unknown");
  });

  it("is the peer itself when the peer is not a trusted proxy", () => {
    expect(clientAddress(request("192.0.2.1", "203.0.113.7"), ["10.0.0.0/8"])).toBe("192.0.2.1");
  });

  it("behind trusted proxies, is the right-most forwarded entry that is not a proxy", () => {
    const trusted = ["10.0.0.0/8", "fd00::/8"];
    expect(clientAddress(request("10.1.2.3", "203.0.113.7"), trusted)).toBe("203.0.113.7");
    // The client wrote the left entry; the proxy appended what it saw.
    expect(clientAddress(request("10.1.2.3", "198.51.100.1, 203.0.113.7"), trusted)).toBe("203.0.113.7");
    // Two proxies in a row (TRUSTED_PROXY_HOPS=2): the second's peer was the first.
    expect(clientAddress(request("10.1.2.3", "203.0.113.7, 10.9.9.9"), trusted, 2)).toBe("203.0.113.7");
    // Headers sent twice are read as one list, in order.
    expect(clientAddress(request("10.1.2.3", ["198.51.100.1", "203.0.113.7"]), trusted)).toBe("203.0.113.7");
    expect(clientAddress(request("::ffff:10.1.2.3", "::ffff:203.0.113.7"), trusted)).toBe("203.0.113.7");
    expect(clientAddress(request("fd00::1", "2001:db8::5"), trusted)).toBe("2001:db8:0:0::/64");
  });

  it("falls back to the last address a trusted proxy vouched for", () => {
    const trusted = ["10.0.0.0/8"];
    // No header: the proxy itself.
    expect(clientAddress(request("10.1.2.3"), trusted)).toBe("10.1.2.3");
    // A hop that is no address stops the walk at the proxy that passed it on.
    expect(clientAddress(request("10.1.2.3", "not-an-address"), trusted)).toBe("10.1.2.3");
    expect(clientAddress(request("10.1.2.3", "garbage, 10.9.9.9"), trusted)).toBe("10.9.9.9");
    // Every entry a proxy: the left-most, as far as the hops go.
    expect(clientAddress(request("10.1.2.3", "10.5.5.5, 10.9.9.9"), trusted, 3)).toBe("10.5.5.5");
    expect(clientAddress(request("10.1.2.3", "garbage, 10.9.9.9"), trusted, 2)).toBe("10.9.9.9");
  });

  it("believes no more proxies than TRUSTED_PROXY_HOPS: a client inside a trusted range is the client", () => {
    const trusted = ["10.0.0.0/8"];
    // One Ingress (the default): a client on the city's 10.x network cannot put an address of its choosing to its left.
    for (const written of ["198.51.100.77", "198.51.100.78", "10.20.30.41"])
      expect(clientAddress(request("10.1.2.3", `${written}, 10.20.30.40`), trusted)).toBe("10.20.30.40");
    expect(clientAddress(request("10.1.2.3", "10.20.30.40"), trusted, 1)).toBe("10.20.30.40");
    // Two proxies: the second entry from the right is believed only because the first is a proxy.
    expect(clientAddress(request("10.1.2.3", "198.51.100.77, 10.20.30.40"), trusted, 2)).toBe("198.51.100.77");
    expect(clientAddress(request("10.1.2.3", "198.51.100.77, 203.0.113.7"), trusted, 2)).toBe("203.0.113.7");
  });

  it("counts an IPv6 client as its /64, however it is written, and an IPv4 client as its address", () => {
    const of = (peer: string) => clientAddress(request(peer));
    // One household's /64: every address in it is one client.
    expect(of("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(of("2001:0db8:0001:0002:bbbb:cccc:dddd:eeee")).toBe("2001:db8:1:2::/64");
    expect(of("2001:db8:1:2::")).toBe("2001:db8:1:2::/64");
    // Another /64 is another client.
    expect(of("2001:db8:1:3::1")).toBe("2001:db8:1:3::/64");
    expect(of("::1")).toBe("0:0:0:0::/64");
    expect(of("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(of("64:ff9b:1:2::192.0.2.1")).toBe("64:ff9b:1:2::/64");
    expect(of("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(of("192.0.2.1")).toBe("192.0.2.1");
  });

  it("accepts addresses and CIDR ranges of either family, and nothing else", () => {
    for (const good of ["127.0.0.1", "10.0.0.0/8", "0.0.0.0/0", "::1", "fd00::/8", "2001:db8::/128"])
      expect(validProxyEntry(good)).toBe(true);
    for (const bad of ["", "localhost", "10.0.0.0/33", "::/129", "10.0.0.0/8/1", "10.0.0.0/", "10.0.0.0/x", "300.0.0.1"])
      expect(validProxyEntry(bad)).toBe(false);
  });
});
