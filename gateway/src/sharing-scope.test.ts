import { readFileSync } from "node:fs";
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
