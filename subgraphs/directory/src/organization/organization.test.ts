import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { referenceDataPath } from "@marugoto/shared";
import { post, signedHeaders } from "../../../../tests/helpers/client.js";
import { TEST_SECRET } from "../../../../tests/helpers/stack.js";
import { startSubgraph, type TestSubgraph } from "../../../../tests/helpers/subgraph.js";
import { seedDirectory } from "../seed/seed.service.js";
import { directorySubgraph } from "../subgraph.js";

// Expected figures are computed here from the JSON itself, independently of the seed code.
const data = JSON.parse(readFileSync(referenceDataPath, "utf8"));
const sectionCodes: string[] = data.marugotoCouncil.sections.map((s: { code: string }) => s.code);
const departmentCodes = new Set<string>([
  ...data.marugotoCouncil.directors.map((d: { code: string }) => d.code),
  ...data.marugotoCouncil.sections.map((s: { departmentCode: string }) => s.departmentCode),
]);
const agencyCount = data.agencies.reduce((n: number, a: { count: number }) => n + a.count, 0);

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startSubgraph(directorySubgraph);
});
afterAll(() => subgraph?.close());

const ORGS = /* GraphQL */ `
  query ($kinds: [OrganizationKind!]) {
    organizations(kinds: $kinds) { id code name kind agencyKind placeholder parent { code } operatedBy { code } children { code } }
  }
`;

describe("directory: organisations from the city's reference data", () => {
  it("has the 24 sections under their departments, the departments, 市社協, agencies, district councils and facilities", async () => {
    const { data: result, errors } = await subgraph.query(ORGS);
    expect(errors).toBeUndefined();
    const orgs = result!.organizations as { code: string; kind: string; agencyKind: string | null; parent: { code: string } | null }[];
    const byKind = (k: string) => orgs.filter((o) => o.kind === k);

    expect(
      byKind("CITY_SECTION")
        .map((o) => o.code)
        .sort(),
    ).toEqual([...sectionCodes].sort());
    for (const s of data.marugotoCouncil.sections) {
      expect(orgs.find((o) => o.code === s.code)!.parent?.code).toBe(s.departmentCode);
    }
    expect(
      byKind("DEPARTMENT")
        .map((o) => o.code)
        .sort(),
    ).toEqual([...departmentCodes].sort());
    expect(byKind("SOCIAL_WELFARE_COUNCIL").map((o) => o.code)).toEqual(["shakyo"]);
    expect(byKind("CONSULTATION_AGENCY")).toHaveLength(agencyCount);
    for (const a of data.agencies) {
      expect(byKind("CONSULTATION_AGENCY").filter((o) => o.agencyKind === a.kind)).toHaveLength(a.count);
    }
    expect(byKind("DISTRICT_COUNCIL")).toHaveLength(data.city.districts);
    expect(byKind("WELFARE_FACILITY")).toHaveLength(data.challengeWork.networkFacilities);
  });

  it("marks which agencies 市社協 runs under contract", async () => {
    const { data: result } = await subgraph.query(ORGS, { kinds: ["CONSULTATION_AGENCY"] });
    const agencies = result!.organizations as { agencyKind: string; operatedBy: { code: string } | null; placeholder: boolean }[];
    for (const a of data.agencies) {
      const ofKind = agencies.filter((o) => o.agencyKind === a.kind);
      expect(ofKind.filter((o) => o.operatedBy?.code === "shakyo")).toHaveLength(a.runByShakyo);
      expect(ofKind.every((o) => o.placeholder)).toBe(true);
    }
  });

  it("finds one organisation by code or id, and refuses neither or both", async () => {
    const byCode = await subgraph.query(`{ organization(code: "nozei") { id name parent { code name } } }`);
    expect(byCode.data!.organization).toMatchObject({ name: "納税課", parent: { code: "zaisei-bu", name: "財政部" } });
    const byId = await subgraph.query(`query ($id: ID) { organization(id: $id) { code } }`, { id: byCode.data!.organization.id });
    expect(byId.data!.organization.code).toBe("nozei");
    const missing = await subgraph.query(`{ organization(code: "no-such-org") { id } }`);
    expect(missing.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const both = await subgraph.query(`{ organization(code: "nozei", id: "x") { id } }`);
    expect(both.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("keeps the 福祉まるごと会議 and 庁内ワーキンググループ rosters as data", async () => {
    const { data: result } = await subgraph.query(`{
      council: roster(code: "marugoto-council") { name members { role title organization { code kind } } }
      wg: roster(code: "internal-working-group") { name members { organization { code } } }
    }`);
    const council = result!.council;
    expect(council.name).toBe("福祉まるごと会議");
    expect(council.members).toHaveLength(
      data.marugotoCouncil.directors.length + sectionCodes.length + data.marugotoCouncil.otherMembers.length,
    );
    expect(council.members.filter((m: { role: string }) => m.role === "CHAIR")).toEqual([
      { role: "CHAIR", title: "福祉推進部長", organization: { code: "fukushi-suishin-bu", kind: "DEPARTMENT" } },
    ]);
    expect(result!.wg.members.map((m: { organization: { code: string } }) => m.organization.code)).toEqual(
      data.internalWorkingGroup.sections,
    );
  });

  it("seeds idempotently: a second run creates nothing", async () => {
    const before = await subgraph.query(`{ organizations { id } rosters { members { position } } }`);
    expect(await seedDirectory(subgraph.running.em)).toEqual({ organizationsCreated: 0, rosterMembersCreated: 0 });
    const after = await subgraph.query(`{ organizations { id } rosters { members { position } } }`);
    expect(after.data).toEqual(before.data);
  });

  it("batches references: the statement count does not grow with the number of organisations", async () => {
    const statementsFor = async (variables: Record<string, unknown>) => {
      const { result, statements } = await subgraph.running.counter.measure(() =>
        subgraph.query(
          `query ($kinds: [OrganizationKind!], $parent: String) {
          organizations(kinds: $kinds, parentCode: $parent) { code parent { code } operatedBy { code } children { code } }
        }`,
          variables,
        ),
      );
      expect(result.errors).toBeUndefined();
      return { rows: (result.data!.organizations as unknown[]).length, statements: statements.length };
    };
    const few = await statementsFor({ parent: "kodomo-mirai-bu" });
    const many = await statementsFor({ kinds: ["CITY_SECTION"] });
    expect(few.rows).toBe(3);
    expect(many.rows).toBe(sectionCodes.length);
    expect(many.statements).toBe(few.statements);
    // Every organisation, each with parent, operator and children: still one statement per level.
    const all = await statementsFor({});
    expect(all.rows).toBeGreaterThan(100);
    expect(all.statements).toBeLessThanOrEqual(few.statements + 1);
  });
});

describe("directory: no back door", () => {
  const query = `{ organizations { code } }`;
  it("refuses a call without the gateway's signature", async () => {
    const res = await post(subgraph.running.url, query);
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(res.data).toBeUndefined();
  });

  it("refuses a forged signature and a stale one", async () => {
    const forged = await post(
      subgraph.running.url,
      query,
      {},
      signedHeaders("directory", { sub: "x", org: "nozei", roles: [] }, "not-the-real-secret-at-all", query),
    );
    expect(forged.status).toBe(401);
    const stale = await post(
      subgraph.running.url,
      query,
      {},
      signedHeaders("directory", { sub: "x", org: "nozei", roles: [] }, TEST_SECRET, query, {}, Date.now() - 120_000),
    );
    expect(stale.status).toBe(401);
  });
});
