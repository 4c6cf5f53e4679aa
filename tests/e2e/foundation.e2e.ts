import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { referenceDataPath } from "@marugoto/shared";
import { bearer, post, signedConnectionParams, wsClient, wsExecute } from "../helpers/client.js";
import { sharedStack } from "../helpers/shared-stack.js";

const data = JSON.parse(readFileSync(referenceDataPath, "utf8"));

const stack = await sharedStack();

const DIRECTORY_QUERY = `{ organizations { code name kind agencyKind } }`;

describe("the federated graph through the gateway", () => {
  it("answers a liaison's directory query with a development token", async () => {
    const res = await post(stack.gateway.url, DIRECTORY_QUERY, {}, bearer(await stack.token("nozei")));
    expect(res.errors).toBeUndefined();
    const orgs = res.data!.organizations as { code: string; kind: string; agencyKind: string | null }[];
    expect(orgs.filter((o) => o.kind === "CITY_SECTION")).toHaveLength(24);
    expect(orgs.filter((o) => o.kind === "DEPARTMENT").map((o) => o.code)).toEqual(
      expect.arrayContaining(data.marugotoCouncil.directors.map((d: { code: string }) => d.code)),
    );
    expect(orgs.find((o) => o.code === "shakyo")).toMatchObject({ name: "山形市社会福祉協議会", kind: "SOCIAL_WELFARE_COUNCIL" });
    const agencies = orgs.filter((o) => o.kind === "CONSULTATION_AGENCY");
    expect(agencies).toHaveLength(data.agencies.reduce((n: number, a: { count: number }) => n + a.count, 0));
    expect(new Set(agencies.map((a) => a.agencyKind))).toEqual(new Set(data.agencies.map((a: { kind: string }) => a.kind)));
  });

  it("refuses the same query without a token, or with a bad one, as UNAUTHENTICATED", async () => {
    for (const headers of [{}, bearer("garbage"), { authorization: "Basic abc" }]) {
      const res = await post(stack.gateway.url, DIRECTORY_QUERY, {}, headers);
      expect(res.status).toBe(401);
      expect(res.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      expect(res.data ?? null).toBeNull();
    }
  });

  it("resolves fields from two subgraphs in one query, in both directions", async () => {
    const res = await post(
      stack.gateway.url,
      `{
        organization(code: "fukushi-suishin-bu") { name meetingBodies { code kind handlesIndividualCases } }
        meetingBody(code: "marugoto-council") { name members { role organization { code name kind } } }
      }`,
      {},
      bearer(await stack.token("seikatsu-fukushi")),
    );
    expect(res.errors).toBeUndefined();
    // directory → meetings
    expect(res.data!.organization.meetingBodies).toContainEqual({
      code: "marugoto-council",
      kind: "MARUGOTO_COUNCIL",
      handlesIndividualCases: false,
    });
    // meetings → directory: the names come from the directory subgraph
    const members = res.data!.meetingBody.members as { role: string; organization: { code: string; name: string } }[];
    expect(members.find((m) => m.role === "CHAIR")!.organization).toMatchObject({ code: "fukushi-suishin-bu", name: "福祉推進部" });
    expect(members.find((m) => m.organization.code === "nozei")!.organization.name).toBe("納税課");
  });

  it("serves graphql-ws on the same path, with the token in connection_init", async () => {
    const client = wsClient(stack.gateway.wsUrl, await stack.token("nozei"));
    try {
      const result = await wsExecute(client, `{ organization(code: "nozei") { name meetingBodies { code } } }`);
      expect(result).toEqual({ data: { organization: { name: "納税課", meetingBodies: [{ code: "marugoto-council" }] } } });
    } finally {
      await client.dispose();
    }
  });

  it("closes a graphql-ws connection that brings no valid token", async () => {
    for (const token of [undefined, "garbage"]) {
      const closed = new Promise<number>((resolve) => {
        const client = wsClient(stack.gateway.wsUrl, token, { on: { closed: (event) => resolve((event as { code: number }).code) } });
        wsExecute(client, DIRECTORY_QUERY).catch(() => undefined);
      });
      expect(await closed).toBe(4403);
    }
  });

  it("has no back door: a subgraph port refuses a call without the gateway's signature", async () => {
    for (const subgraph of Object.values(stack.subgraphs)) {
      const res = await post(subgraph.url, `{ __typename }`, {}, bearer(await stack.token("nozei")));
      expect(res.status).toBe(401);
      expect(res.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    }
  });

  it("has no back door over graphql-ws either: a subgraph closes an unsigned or forged connection", async () => {
    const url = stack.subgraphs.meetings!.url.replace(/^http/, "ws");
    const forged = signedConnectionParams("meetings", { sub: "x", org: "nozei", roles: ["chair"] }, "not-the-gateway-secret-at-all");
    for (const connectionParams of [{}, { authorization: `Bearer ${await stack.token("nozei")}` }, forged]) {
      const closed = new Promise<number>((resolve) => {
        const client = wsClient(url, undefined, { connectionParams, on: { closed: (event) => resolve((event as { code: number }).code) } });
        wsExecute(client, `{ meetingBodies { code } }`).catch(() => undefined);
      });
      expect(await closed).toBe(4403);
    }
  });

  it("serves GraphiQL to a browser in development", async () => {
    const page = await fetch(stack.gateway.url, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("まるごとグラフ GraphiQL");
  });

  it("reports health and readiness without a token", async () => {
    const base = stack.gateway.url.replace("/graphql", "");
    expect((await fetch(`${base}/healthcheck`)).status).toBe(200);
    const ready = await fetch(`${base}/readiness`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", subgraphs: { directory: true, meetings: true, cases: true, hubs: true } });
  });
});
