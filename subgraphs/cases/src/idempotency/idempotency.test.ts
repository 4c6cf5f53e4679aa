import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokyoDate } from "@marugoto/shared";
import { startSubgraph, type TestSubgraph } from "../../../../tests/helpers/subgraph.js";
import { casesSubgraph } from "../subgraph.js";

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startSubgraph(casesSubgraph);
});
afterAll(() => sg?.close());

const LEAD = "self-reliance-support-agency";
const today = tokyoDate();

const RECEIVE = `mutation ($input: ReceiveConsultationInput!, $key: String) {
  receiveConsultation(input: $input, idempotencyKey: $key) { case { id caseNumber mainPerson { name } } userErrors { code field } }
}`;
const LOG = `mutation ($id: ID!, $staff: String!, $content: String!, $key: String) {
  logProgress(input: { caseId: $id, date: "${today}", method: VISIT, staff: $staff, content: $content }, idempotencyKey: $key) {
    case { id progress { content } } userErrors { code field }
  }
}`;
const consultation = (name = "架空 太郎") => ({
  receivedOn: today,
  takenBy: "相談員A",
  sourceKind: "AGENCY",
  problemAreas: ["DEBT"],
  mainProblemArea: "DEBT",
  consentAnswer: "GIVEN",
  person: { name, sex: "MALE" },
});
const log = (id: string, key: string | null, content = "家計表を一緒に作成", org = LEAD, sub?: string) =>
  sg.query(LOG, { id, staff: "相談員A", content, key }, org, ["staff"], sub);

const count = async (sql: string, params: unknown[] = []) =>
  Number((await sg.running.em.fork().execute<{ n: string }[]>(`select count(*) as n from ${sql}`, params))[0]!.n);
const progressOf = (caseId: string) => count(`cases.progress_entry where case_id = ?`, [caseId]);
const eventsOf = (caseId: string) => count(`cases.outbox_event where topic = ?`, [`case:${caseId}`]);

async function openCase(org = LEAD, name = "架空 太郎"): Promise<string> {
  const res = await sg.query(RECEIVE, { input: consultation(name) }, org);
  expect(res.data!.receiveConsultation.userErrors).toEqual([]);
  return res.data!.receiveConsultation.case.id;
}

describe("idempotency keys on cases mutations", () => {
  it("opens one case with one event for a retried receiveConsultation, and answers the retry with the same case", async () => {
    const rows = () => Promise.all([count("cases.support_case"), count("cases.consultation"), count("cases.outbox_event")]);
    const before = await rows();
    const first = await sg.query(RECEIVE, { input: consultation("再送 一郎"), key: "intake-1" }, LEAD);
    expect(first.data!.receiveConsultation.userErrors).toEqual([]);
    const afterFirst = await rows();
    expect(afterFirst.slice(0, 2)).toEqual([before[0]! + 1, before[1]! + 1]);
    const again = await sg.query(RECEIVE, { input: consultation("再送 一郎"), key: "intake-1" }, LEAD);
    expect(again).toEqual(first);
    expect(await rows()).toEqual(afterFirst);
    expect(await eventsOf(first.data!.receiveConsultation.case.id)).toBe(1);
  });

  it("applies once when the same logProgress key arrives twice at the same time", async () => {
    const id = await openCase();
    const [progress, events] = [await progressOf(id), await eventsOf(id)];
    const [a, b] = await Promise.all([log(id, "progress-1"), log(id, "progress-1")]);
    expect(a.data!.logProgress.userErrors).toEqual([]);
    expect(b).toEqual(a);
    expect(await progressOf(id)).toBe(progress + 1);
    expect(await eventsOf(id)).toBe(events + 1);
    // Without a key, the same call again is a second entry.
    await log(id, null);
    expect(await progressOf(id)).toBe(progress + 2);
  });

  it("refuses a key reused for other arguments, and a refused mutation does not use its key up", async () => {
    const id = await openCase();
    await log(id, "k-2", "最初の記録");
    const reused = await log(id, "k-2", "別の記録");
    expect(reused.data!.logProgress).toEqual({ case: null, userErrors: [{ code: "IDEMPOTENCY_KEY_REUSED", field: ["idempotencyKey"] }] });
    const otherMutation = await sg.query(
      `mutation ($id: ID!) { transitionCase(input: { caseId: $id, to: ASSESSMENT }, idempotencyKey: "k-2") { userErrors { code } } }`,
      { id },
      LEAD,
    );
    expect(otherMutation.data!.transitionCase.userErrors).toEqual([{ code: "IDEMPOTENCY_KEY_REUSED" }]);
    expect(await progressOf(id)).toBe(1);

    const refused = await log(id, "k-3", "");
    expect(refused.data!.logProgress.userErrors[0].code).toBe("REQUIRED");
    const fixed = await log(id, "k-3", "訪問して状況を確認");
    expect(fixed.data!.logProgress.userErrors).toEqual([]);
    expect(await progressOf(id)).toBe(2);
  });

  it("keeps keys per caller: another person's same key is their own", async () => {
    const id = await openCase();
    await log(id, "shared-key", "記録", LEAD, "staff-a");
    const colleague = await log(id, "shared-key", "記録", LEAD, "staff-b");
    expect(colleague.data!.logProgress.userErrors).toEqual([]);
    expect(await progressOf(id)).toBe(2);
    const otherOrganisation = await sg.query(
      RECEIVE,
      { input: consultation("別 花子"), key: "shared-key" },
      "shakyo",
      ["staff"],
      "staff-a-shakyo",
    );
    expect(otherOrganisation.data!.receiveConsultation.userErrors).toEqual([]);
  });

  it("answers a retry with what the caller may see now, never a stored copy of the case", async () => {
    const id = await openCase();
    const assign = (op: string) =>
      sg.query(
        `mutation ($id: ID!) { ${op}(caseId: $id, organizationCode: "kaigo-hoken"${op === "assignOrganization" ? ", role: SUPPORT" : ""}) { userErrors { code } } }`,
        { id },
        LEAD,
      );
    expect((await assign("assignOrganization")).data!.assignOrganization.userErrors).toEqual([]);
    const first = await log(id, "support-1", "介護サービスの調整", "kaigo-hoken");
    expect(first.data!.logProgress.case.progress).toEqual([{ content: "介護サービスの調整" }]);
    await assign("endAssignment");
    // The assignment has ended: the retry applies nothing and shows no case.
    const retry = await log(id, "support-1", "介護サービスの調整", "kaigo-hoken");
    expect(retry.data!.logProgress).toEqual({ case: null, userErrors: [] });
    expect(await progressOf(id)).toBe(1);
    const [stored] = await sg.running.em
      .fork()
      .execute<Record<string, unknown>[]>(`select * from cases.idempotency_key where key = 'support-1'`);
    expect(Object.keys(stored!).sort()).toEqual(["caller_sub", "created_at", "key", "operation", "request_hash", "result_id"]);
    expect(stored!.result_id).toBe(id);
  });
});
