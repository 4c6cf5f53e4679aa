import { readdirSync, readFileSync } from "node:fs";
import { buildASTSchema, parse, type GraphQLSchema } from "graphql";
import { describe, expect, it } from "vitest";
import { DEFAULT_SUPERGRAPH_PATH } from "./server.js";
import { isPersonalSubgraph, personalFields, reachesPersonalData, sharingScope } from "./sharing-scope.js";

const supergraph = readFileSync(DEFAULT_SUPERGRAPH_PATH, "utf8");
const personal = personalFields(supergraph);
// The supergraph's types and fields, as the gateway's schema has them (join directives are ignored).
const schema: GraphQLSchema = buildASTSchema(parse(supergraph), { assumeValidSDL: true });
const reaches = (query: string) => reachesPersonalData(schema, parse(query), personal);

describe("the sharing scope of a merged subscription, from its selection set", () => {
  it("marks exactly the fields only the cases subgraph answers as personal", () => {
    for (const field of [
      "Case.mainPerson",
      "Case.grounds",
      "Person.name",
      "Subscription.caseChanged",
      "Subscription.sharedCasesChanged",
      "SharedCaseEvent.case",
      "GroundSource.purpose",
      "Organization.sharedCases",
      "Query.auditLog",
    ]) {
      expect(personal, field).toContain(field);
    }
    for (const field of [
      "Case.id",
      "Organization.code",
      "Organization.name",
      "AgendaItem.title",
      "AgendaItem.caseId",
      "Subscription.agendaChanged",
      "Meeting.agenda",
      "Organization.eventCursor",
      "Query.me",
      "Viewer.organization",
    ]) {
      expect(personal, field).not.toContain(field);
    }
  });

  it("is the person when an agenda subscription reaches a case, however it is written", () => {
    expect(reaches(`subscription { agendaChanged(meetingId: "m") { agenda { title caseId presenter { name } } } }`)).toBe(false);
    expect(reaches(`subscription { agendaChanged(meetingId: "m") { agenda { case { mainPerson { name } } } } }`)).toBe(true);
    expect(
      reaches(`subscription { agendaChanged(meetingId: "m") { ...A } } fragment A on AgendaEvent { agenda { case { grounds } } }`),
    ).toBe(true);
    expect(
      reaches(`subscription { agendaChanged(meetingId: "m") { agenda { ... on AgendaItem { case { progress { content } } } } } }`),
    ).toBe(true);
    expect(
      reaches(
        `subscription { a: actionItemsChanged(organizationCode: "nozei") { actionItem { title assignee { sharedCases { edges { grounds } } } } } }`,
      ),
    ).toBe(true);
    expect(reaches(`subscription { caseChanged(caseId: "c") { kind } }`)).toBe(true);
  });

  it("takes a subgraph not known to decide on organisation and roles alone as personal: its fields, its subscriptions", () => {
    // A subgraph added to the graph later (here `welfare`), with a type of its own and a field on a shared type.
    const added = supergraph
      .replace(/(\s+)(MEETINGS @join__graph\([^)]*\))/, '$1$2$1WELFARE @join__graph(name: "welfare", url: "http://127.0.0.1:4009/graphql")')
      .concat(
        `\ntype WelfareNote @join__type(graph: WELFARE) { text: String }\n`,
        `extend type AgendaItem @join__type(graph: WELFARE, key: "id") { welfareNote: WelfareNote @join__field(graph: WELFARE) }\n`,
      );
    expect(added).toContain("WELFARE @join__graph");
    const fields = personalFields(added);
    expect(fields).toContain("WelfareNote.text");
    expect(fields).toContain("AgendaItem.welfareNote");
    expect(fields).not.toContain("AgendaItem.title");
    expect(isPersonalSubgraph("welfare")).toBe(true);
    expect(isPersonalSubgraph("cases")).toBe(true);
    for (const name of ["meetings", "directory", "hubs"]) expect(isPersonalSubgraph(name), name).toBe(false);
  });

  it("adds the person to the scope only when the selection is personal", () => {
    const identity = { sub: "u1", org: "nozei", roles: ["staff", "chair"] };
    expect(sharingScope(identity, false)).toBe(sharingScope({ ...identity, roles: ["chair", "staff"] }, false));
    expect(sharingScope({ ...identity, sub: "u2" }, false)).toBe(sharingScope(identity, false));
    expect(sharingScope({ ...identity, sub: "u2" }, true)).not.toBe(sharingScope(identity, true));
    expect(sharingScope(identity, true)).not.toBe(sharingScope(identity, false));
  });

  it("never gives two different scopes one key, whatever the token's strings hold", () => {
    // A role with a comma is not two roles; a person or role with a bar is not a boundary between them.
    expect(sharingScope({ sub: "u1", org: "nozei", roles: ["chair,staff"] }, false)).not.toBe(
      sharingScope({ sub: "u1", org: "nozei", roles: ["chair", "staff"] }, false),
    );
    expect(sharingScope({ sub: "b|c", org: "nozei", roles: ["a"] }, true)).not.toBe(
      sharingScope({ sub: "c", org: "nozei", roles: ["a|b"] }, true),
    );
    expect(sharingScope({ sub: "u1", org: "nozei|chair", roles: [] }, false)).not.toBe(
      sharingScope({ sub: "u1", org: "nozei", roles: ["chair"] }, false),
    );
  });
});

/**
 * Where the organisation subgraphs read the person (`sub`), each with why nothing is shared there: a
 * mutation (never merged, never kept between callers), the directory's `me` (the caller's own; kept
 * answers are keyed on the person) or the gateway's own watch. A new read anywhere else would make an
 * answer shared between the people of one organisation and roles depend on one of them.
 */
const PERSON_READS: Record<string, { reads: number; why: string }> = {
  "meetings/src/agenda/agenda.service.ts": { reads: 1, why: "recordDecision (mutation): who recorded it" },
  "meetings/src/changes/meetings-data.resolver.ts": { reads: 2, why: "the gateway's own watch of changes: no one else may subscribe" },
  "meetings/src/meeting/meeting.service.ts": { reads: 1, why: "pledgeConfidentiality (mutation): who pledged" },
  "meetings/src/minutes/minutes.service.ts": { reads: 3, why: "draft and approve minutes (mutations): who did" },
  "meetings/src/calendar/calendar.service.ts": { reads: 2, why: "create and revoke a calendar feed (mutations): who did" },
  "hubs/src/activity/activity.service.ts": { reads: 1, why: "recordHubSession (mutation): who recorded it" },
  "hubs/src/hub/hub-lifecycle.service.ts": { reads: 1, why: "changeHubStatus (mutation): who changed it" },
  "hubs/src/worry/worry.service.ts": { reads: 1, why: "recordWorry (mutation): who recorded it" },
  "directory/src/viewer/viewer.resolver.ts": {
    reads: 1,
    why: "Query.me: the caller's own (a query; kept answers are keyed on the person)",
  },
};

describe("the organisation subgraphs, whose answers are shared between people of one organisation and roles", () => {
  it("read the person only where nothing is shared", () => {
    const root = new URL("../../subgraphs/", import.meta.url);
    const found: Record<string, number> = {};
    for (const graph of ["meetings", "hubs", "directory"]) {
      expect(isPersonalSubgraph(graph)).toBe(false);
      for (const file of readdirSync(new URL(`${graph}/src/`, root), { recursive: true, encoding: "utf8" })) {
        if (!file.endsWith(".ts") || file.endsWith(".test.ts")) continue;
        // Code only: comments may speak of `sub`. Any use of the name counts (a read, a destructuring, a key).
        const code = readFileSync(new URL(`${graph}/src/${file}`, root), "utf8")
          .replace(/\/\*[\s\S]*?\*\//g, "")
          .replace(/\/\/.*$/gm, "");
        const reads = code.match(/\bsub\b/g)?.length ?? 0;
        if (reads) found[`${graph}/src/${file}`] = reads;
      }
    }
    const allowed = Object.fromEntries(Object.entries(PERSON_READS).map(([file, { reads }]) => [file, reads]));
    expect(found).toEqual(allowed);
  });
});
