import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { idempotencyRequestHash, tokyoDate } from "@marugoto/shared";
import { openCase } from "../../../../tests/helpers/cases.js";
import { startSubgraph, type TestSubgraph } from "../../../../tests/helpers/subgraph.js";
import { casesSubgraph } from "../subgraph.js";

/**
 * The six cases mutations that took flat arguments take an `input` object; the flat arguments stay,
 * deprecated. Exactly one form is taken (both, neither, or a flat form missing a required argument
 * is a user error and writes nothing), both reach the same service, and an idempotency key stands for
 * the same request whichever form carried it.
 */
let sg: TestSubgraph;
let siteId: string;
beforeAll(async () => {
  sg = await startSubgraph(casesSubgraph);
  const sites = (await sg.query(`{ participationSites { id code } }`)).data!.participationSites as { id: string; code: string }[];
  siteId = sites.find((s) => s.code === "welfare-facility-01")!.id;
});
afterAll(() => sg?.close());

const LEAD = "self-reliance-support-agency";
const JAPANESE = /[ぁ-んァ-ン一-龥]/;
const today = tokyoDate();

/** A fresh case and its main person: each call writes to a case of its own. */
async function fixture(): Promise<{ caseId: string; personId: string }> {
  const send = async (query: string, variables: Record<string, unknown>) => (await sg.query(query, variables, LEAD)).data!;
  const caseId = await openCase(send, { name: "架空 入力" });
  const read = await sg.query(`query ($id: ID!) { case(id: $id) { mainPerson { id } } }`, { id: caseId }, LEAD);
  return { caseId, personId: read.data!.case.mainPerson.id as string };
}

interface Form {
  mutation: string;
  inputType: string;
  /** The payload's own field (null when refused). */
  payload: "case" | "placement";
  /** The table one success adds a row to. */
  table: string;
  /** Each flat argument's GraphQL type (nullable: they are deprecated). */
  flatTypes: Record<string, string>;
  /** Required flat arguments, in the order the resolver checks them. */
  required: string[];
  values: (f: { caseId: string; personId: string }) => Record<string, unknown>;
}

const FORMS: Form[] = [
  {
    mutation: "transitionCase",
    inputType: "TransitionCaseInput",
    payload: "case",
    table: "case_transition",
    flatTypes: { caseId: "ID", to: "CaseStatus", reason: "String", complex: "Boolean" },
    required: ["caseId", "to"],
    values: ({ caseId }) => ({ caseId, to: "ACCEPTED", complex: false }),
  },
  {
    mutation: "logProgress",
    inputType: "LogProgressInput",
    payload: "case",
    table: "progress_entry",
    flatTypes: { caseId: "ID", date: "LocalDate", method: "ProgressMethod", staff: "String", content: "String" },
    required: ["caseId", "date", "method", "staff", "content"],
    values: ({ caseId }) => ({ caseId, date: today, method: "VISIT", staff: "相談員A", content: "家計表を一緒に作成" }),
  },
  {
    mutation: "recordMonitoring",
    inputType: "RecordMonitoringInput",
    payload: "case",
    table: "monitoring",
    flatTypes: {
      caseId: "ID",
      date: "LocalDate",
      goalsMet: "Boolean",
      evaluation: "String",
      outcome: "EvaluationOutcome",
      nextReviewDate: "LocalDate",
    },
    required: ["caseId", "date", "goalsMet", "evaluation"],
    values: ({ caseId }) => ({ caseId, date: today, goalsMet: true, evaluation: "分納が定着", outcome: "CONTINUE" }),
  },
  {
    mutation: "recordConsent",
    inputType: "RecordConsentInput",
    payload: "case",
    table: "consent",
    flatTypes: {
      caseId: "ID",
      organizationCodes: "[String!]",
      infoKinds: "[InfoKind!]",
      coversMultiLayeredMeeting: "Boolean",
      givenOn: "LocalDate",
    },
    required: ["caseId", "organizationCodes", "infoKinds", "coversMultiLayeredMeeting", "givenOn"],
    values: ({ caseId }) => ({
      caseId,
      organizationCodes: ["nozei"],
      infoKinds: ["PLAN"],
      coversMultiLayeredMeeting: false,
      givenOn: today,
    }),
  },
  {
    mutation: "discloseToMeeting",
    inputType: "DiscloseToMeetingInput",
    payload: "case",
    table: "disclosure",
    flatTypes: { caseId: "ID", kind: "DisclosureKind", meetingId: "ID", organizationCodes: "[String!]", purpose: "String" },
    required: ["caseId", "kind", "meetingId", "organizationCodes", "purpose"],
    values: ({ caseId }) => ({
      caseId,
      kind: "SUPPORT_MEETING",
      meetingId: randomUUID(),
      organizationCodes: ["kaigo-hoken"],
      purpose: "支援方針の協議",
    }),
  },
  {
    mutation: "placeInChallengeWork",
    inputType: "PlaceInChallengeWorkInput",
    payload: "placement",
    table: "placement",
    flatTypes: { caseId: "ID", personId: "ID", siteId: "ID", startedOn: "LocalDate" },
    required: ["caseId", "personId", "siteId", "startedOn"],
    values: ({ caseId, personId }) => ({ caseId, personId, siteId, startedOn: today }),
  },
];

const count = async (table: string) => {
  const [row] = await sg.running.em.fork().execute<{ n: string }[]>(`select count(*) as n from cases.${table}`);
  return Number(row!.n);
};
/** The form's own table and the outbox: a refused call leaves both as they were. */
const counts = (form: Form) => Promise.all([count(form.table), count("outbox_event")]);

type Answer = { payload: { id: string } | null; userErrors: { code: string; field: string[] | null; message: string }[] };

/** Calls the mutation with `input` (when given) and the flat arguments given, and an optional key. */
async function call(form: Form, input: Record<string, unknown> | null, flat: Record<string, unknown>, key?: string): Promise<Answer> {
  const names = Object.keys(flat);
  const declared = [
    ...(input ? [`$input: ${form.inputType}`] : []),
    ...names.map((n) => `$${n}: ${form.flatTypes[n]}`),
    "$key: String",
  ].join(", ");
  const args = [...(input ? ["input: $input"] : []), ...names.map((n) => `${n}: $${n}`), "idempotencyKey: $key"].join(", ");
  const query = `mutation (${declared}) { ${form.mutation}(${args}) { ${form.payload} { id } userErrors { code field message } } }`;
  const res = await sg.query(query, { ...(input ? { input } : {}), ...flat, key: key ?? null }, LEAD);
  expect(res.errors).toBeUndefined();
  const answer = res.data![form.mutation];
  return { payload: answer[form.payload], userErrors: answer.userErrors };
}

describe.each(FORMS)("cases: $mutation takes an input object or, deprecated, flat arguments", (form) => {
  it("applies the input form", async () => {
    const values = form.values(await fixture());
    const before = await count(form.table);
    const answer = await call(form, values, {});
    expect(answer.userErrors).toEqual([]);
    expect(answer.payload?.id).toBeTruthy();
    expect(await count(form.table)).toBe(before + 1);
  });

  it("still applies the deprecated flat form", async () => {
    const values = form.values(await fixture());
    const before = await count(form.table);
    const answer = await call(form, null, values);
    expect(answer.userErrors).toEqual([]);
    expect(answer.payload?.id).toBeTruthy();
    expect(await count(form.table)).toBe(before + 1);
  });

  it("refuses both forms at once, and neither, writing nothing", async () => {
    const values = form.values(await fixture());
    const before = await counts(form);
    const both = await call(form, values, values);
    expect(both.payload).toBeNull();
    expect(both.userErrors.map((e) => [e.code, e.field])).toEqual([["CONFLICTING_INPUT_FORMS", ["input"]]]);
    const neither = await call(form, null, {});
    expect(neither.payload).toBeNull();
    expect(neither.userErrors.map((e) => [e.code, e.field])).toEqual([["INPUT_REQUIRED", ["input"]]]);
    for (const e of [...both.userErrors, ...neither.userErrors]) expect(e.message).toMatch(JAPANESE);
    expect(await counts(form)).toEqual(before);
  });

  it("lists every required flat argument that is missing, writing nothing", async () => {
    const values = form.values(await fixture());
    const missing = form.required.slice(-2);
    const flat = Object.fromEntries(Object.entries(values).filter(([name]) => !missing.includes(name)));
    const before = await counts(form);
    const answer = await call(form, null, flat);
    expect(answer.payload).toBeNull();
    expect(answer.userErrors.map((e) => [e.code, e.field])).toEqual(missing.map((name) => ["REQUIRED", [name]]));
    for (const e of answer.userErrors) expect(e.message).toMatch(JAPANESE);
    expect(await counts(form)).toEqual(before);
  });

  it("takes a retry in the input form of a keyed flat call as the same request", async () => {
    const values = form.values(await fixture());
    const key = `forms-${form.mutation}-${randomUUID()}`;
    const before = await count(form.table);
    const first = await call(form, null, values, key);
    expect(first.userErrors).toEqual([]);
    const retry = await call(form, values, {}, key);
    expect(retry.userErrors).toEqual([]);
    expect(retry.payload?.id).toBe(first.payload?.id);
    expect(await count(form.table)).toBe(before + 1);
    // Other values under the same key are another request, whichever the form.
    const other = await call(form, { ...values, caseId: (await fixture()).caseId }, {}, key);
    expect(other.userErrors.map((e) => e.code)).toEqual(["IDEMPOTENCY_KEY_REUSED"]);
  });
});

describe("cases: a key stored under the flat arguments' old layout", () => {
  /** The arguments as a flat call hashed them before the input form existed (recordConsent named one `covers`). */
  const oldLayout = (mutation: string, values: Record<string, unknown>) => {
    if (mutation !== "recordConsent") return values;
    const { coversMultiLayeredMeeting: covers, ...rest } = values;
    return { ...rest, covers };
  };

  it.each(["logProgress", "recordConsent"])("%s: a retry with it is the same request, applied once", async (mutation) => {
    const form = FORMS.find((f) => f.mutation === mutation)!;
    const values = form.values(await fixture());
    const key = `old-layout-${mutation}-${randomUUID()}`;
    const first = await call(form, null, values, key);
    expect(first.userErrors).toEqual([]);
    // As the flat call before the input form stored it: the arguments hashed as they came.
    const hash = idempotencyRequestHash(mutation, { args: oldLayout(mutation, values), scope: { org: LEAD, roles: ["staff"] } });
    await sg.running.em.fork().execute(`update cases.idempotency_key set request_hash = ? where key = ?`, [hash, key]);
    const before = await counts(form);
    for (const [input, flat] of [
      [null, values],
      [values, {}],
    ] as const) {
      const retry = await call(form, input, flat, key);
      expect(retry.userErrors).toEqual([]);
      expect(retry.payload?.id).toBe(first.payload?.id);
    }
    expect(await counts(form)).toEqual(before);
  });
});
