import DataLoader from "dataloader";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { Identity } from "@marugoto/shared";
import { metrics } from "@marugoto/shared";
import { AssignmentEntity, type Assignment } from "../assignment/assignment.entity.js";
import type { GroundValue } from "../audit/audit.entity.js";
import { CaseEntity, type CaseRow } from "../case/case.entity.js";
import { ConsentEntity, INFO_KINDS, type InfoKindValue } from "../consent/consent.entity.js";
import { DisclosureEntity, type Disclosure } from "./access.entity.js";
import { SharedStatements } from "./shared-statements.js";

/**
 * One record that gives the caller a ground (an assignment, a consent, a disclosure to a meeting, a
 * break-glass): what a liaison's list says of *why* a case is there. Only the caller's own grounds,
 * and of each only what concerns the caller (never the other organisations it names).
 */
interface GroundSource {
  ground: GroundValue;
  /** The kinds of information this record discloses to the caller. */
  infoKinds: InfoKindValue[];
  /** ASSIGNMENT: the organisation's role. */
  assignmentRole?: string | null;
  /** CONSENT, and a 重層的支援会議 ground's covering consent: when the person gave it. */
  consentGivenOn?: string | null;
  /** Meeting grounds: the meeting (owned by the meetings subgraph) and the purpose it was disclosed for. */
  meetingId?: string | null;
  purpose?: string | null;
  disclosedAt?: Date | null;
  /** BREAK_GLASS: until when. */
  expiresAt?: Date | null;
}

/** What a caller may see of one case, and why. */
export interface Access {
  caseId: string;
  /** Every ground the caller holds, strongest first. */
  grounds: GroundValue[];
  /** The kinds of information those grounds disclose. */
  kinds: Set<InfoKindValue>;
  /** For each kind disclosed, the strongest ground that discloses it: the ground the audit names when it is read. */
  disclosedBy: Map<InfoKindValue, GroundValue>;
  /** The caller's organisation is assigned as lead or coordinator: it may manage the case. */
  manages: boolean;
  /** The caller's organisation is assigned in any role: it may write records. */
  assigned: boolean;
  /** The records behind `grounds`, in the same order of strength. */
  sources: GroundSource[];
}

const ALL = new Set<InfoKindValue>(INFO_KINDS);
/** What a meeting ground discloses: what is presented at the meeting, for its purpose. */
const MEETING_KINDS: InfoKindValue[] = ["BASIC", "ASSESSMENT", "PLAN"];

/**
 * What a 重層的支援会議 disclosure shows: of what the meeting is shown, only the kinds the person's
 * consents covering the meeting name (a consent records which kinds may be shared). Empty: no ground.
 */
export function multiLayeredKinds(
  consents: readonly { coversMultiLayeredMeeting: boolean; infoKinds: readonly string[] }[],
): InfoKindValue[] {
  const named = new Set(consents.filter((c) => c.coversMultiLayeredMeeting).flatMap((c) => c.infoKinds));
  return MEETING_KINDS.filter((k) => named.has(k));
}
const ORDER: GroundValue[] = ["ASSIGNMENT", "CONSENT", "MULTI_LAYERED_SUPPORT_MEETING", "SUPPORT_MEETING", "BREAK_GLASS"];

/**
 * The sharing engine (DOMAIN.md "Who may see a case"). A caller sees a case only on a ground:
 * assignment of their organisation; membership of a meeting the case was disclosed to (支援会議 by law;
 * 重層的支援会議 only while the person's consent covers it); consent naming their organisation; or
 * break-glass (their own, unexpired, flagged). A department alone is never a ground.
 *
 * Grounds are computed per request in one statement per batch, whatever the number of cases,
 * and every read it grants is written to the audit log (one statement per batch). Outside a
 * transaction, the requests that ask in the same turn of the event loop share those statements
 * (`SharedStatements`): each still decides on its own rows and writes its own audit rows.
 */
export class AccessService {
  private readonly loader: DataLoader<string, Access | null>;
  /**
   * The audit: one row per (case, disclosing ground) per request. A case read records the strongest
   * ground (what the case's existence and header were disclosed under); each field of an information
   * kind then records the ground that disclosed *that kind* (`disclosedBy`), after the guard decided
   * and before the value is returned. Rows are keyed by case and ground, so a request reading
   * `consultations` under break-glass beside a 支援会議 ground writes a SUPPORT_MEETING row and a
   * flagged BREAK_GLASS row; all loads of one tick are written in one statement.
   */
  private auditLoader: DataLoader<AuditedRead, true, string>;
  /**
   * Case reads: the audit row of the strongest ground written and the case's row read by one
   * statement per batch (`READ_AUDITED_SQL`), so no row is read without its audit row, and a failed
   * audit fails the read. Keyed as the audit, which it primes: the fields' own audits of that ground
   * (`disclose`) then write nothing more.
   */
  private readLoader: DataLoader<AuditedRead, CaseRow | null, string>;
  /**
   * Kept when the service serves one run for many people (`answerAlike`): every access it decided,
   * and every audited read it wrote. Null otherwise.
   */
  private readonly record: { decided: Map<string, Access | null>; audited: AuditedRead[] } | null;
  /** Whose break-glass is read and whose name the audit rows carry: the caller (not watched, in a run for many). */
  private readonly reader: Identity;

  /**
   * @param identity the caller (in a run for many, watched: any other read of the person is seen)
   * @param options.person in a run for many, the caller unwatched, for their break-glass and audit rows
   *   only; what is decided and audited is then kept for `answerAlike`
   */
  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
    private readonly operation: string,
    options: { person?: Identity } = {},
  ) {
    this.reader = options.person ?? identity;
    this.record = options.person ? { decided: new Map(), audited: [] } : null;
    this.loader = new DataLoader((ids) => this.compute([...ids]));
    this.auditLoader = this.newAuditLoader();
    this.readLoader = this.newReadLoader();
  }

  /** One audit row's values, in the column order of `AUDIT_ROWS_SQL`. */
  private auditValues(read: AuditedRead, at: Date): unknown[] {
    return auditValuesOf(this.reader, this.operation, read, at);
  }

  private newAuditLoader() {
    return new DataLoader<AuditedRead, true, string>(
      async (reads) => {
        const at = new Date();
        await this.em.execute(
          AUDIT_ROWS_SQL(reads.length),
          reads.flatMap((r) => this.auditValues(r, at)),
        );
        metrics.auditRows.inc(reads.length);
        this.record?.audited.push(...reads);
        return reads.map(() => true as const);
      },
      { cacheKeyFn: auditKey },
    );
  }

  private newReadLoader() {
    return new DataLoader<AuditedRead, CaseRow | null, string>(
      async (reads) => {
        const at = new Date();
        const part: ReadPart = {
          em: this.em,
          auditValues: reads.flatMap((r) => this.auditValues(r, at)),
          rows: reads.length,
          caseIds: [...new Set(reads.map((r) => r.caseId))],
        };
        // Concurrent requests' reads share one statement (each its own audit rows); inside a transaction, alone.
        const rows = this.em.isInTransaction() ? (await readAuditedRows([part]))[0]! : await sharedStatementsOf(this.em).reads.ask(part);
        metrics.auditRows.inc(reads.length);
        this.record?.audited.push(...reads);
        for (const read of reads) this.auditLoader.prime(read, true);
        const byId = new Map(rows.map((row) => [row.id as string, caseRowOf(this.em, row)]));
        return reads.map((r) => byId.get(r.caseId) ?? null);
      },
      { cacheKeyFn: auditKey },
    );
  }

  /**
   * The caller's grounds on a case, not audited: for decisions that read no case data (may I write?),
   * and for a read, which then audits the strongest ground (`audit`) before anything is returned.
   */
  grounds(caseId: string): Promise<Access | null> {
    return this.loader.load(caseId);
  }

  /**
   * The caller's grounds on a case as a write decides on them: read afresh on the write's own
   * transaction `tx`, never through the request's loader (cached, and on a second connection — a
   * write holding the case's lock that waited for another connection of the pool could wait forever
   * once every connection is a write waiting on that lock). Not audited: a write reads no case data.
   */
  async groundsIn(tx: EntityManager, caseId: string): Promise<Access | null> {
    if (!UUID.test(caseId)) return null;
    const [records] = await readGroundRecords([{ em: tx, sub: this.reader.sub, org: this.reader.org, caseIds: [caseId] }]);
    return accessOf(caseId, this.identity.org, records!);
  }

  /**
   * Before a value of `kind` is returned: the ground that discloses it, audited; `null` when no
   * ground of the caller discloses it (the value must then not be returned).
   */
  async disclose(access: Access, kind: InfoKindValue, via: string): Promise<GroundValue | null> {
    const ground = access.disclosedBy.get(kind) ?? null;
    if (ground) await this.audit(access, ground, via);
    return ground;
  }

  /** Records that `ground` disclosed something of the case in this request (once per case and ground). */
  async audit(access: Access, ground: GroundValue, via: string): Promise<void> {
    await this.auditLoader.load({ caseId: access.caseId, ground, via });
  }

  /** The case's row, read by the statement that writes the audit row of the caller's strongest ground on it. */
  readAudited(access: Access, via: string): Promise<CaseRow | null> {
    return this.readLoader.load({ caseId: access.caseId, ground: access.grounds[0]!, via });
  }

  /** Forgets computed grounds: a subscription re-checks them for every event. */
  refresh(): void {
    this.loader.clearAll();
    this.auditLoader.clearAll();
    this.readLoader.clearAll();
  }

  private async compute(caseIds: string[]): Promise<(Access | null)[]> {
    const records = await this.groundRecords(caseIds);
    const decided = caseIds.map((caseId) => accessOf(caseId, this.identity.org, records));
    if (this.record) caseIds.forEach((caseId, i) => this.record!.decided.set(caseId, decided[i]!));
    return decided;
  }

  /**
   * After a run made for this service's caller (`options.person`), for each of `others` (the same
   * organisation and roles, asking the same): whether they hold exactly the same access to every case
   * the run decided on — then the run's answer is theirs, and the audit rows it wrote are written for
   * them too, under their own name, before this returns. Their grounds are read in one statement, and
   * all their audit rows written in one. Whatever this says no to runs alone.
   */
  async answerAlike(others: Identity[]): Promise<boolean[]> {
    const org = this.identity.org;
    if (!this.record || others.some((o) => o.org !== org)) return others.map(() => false);
    const { decided, audited } = this.record;
    const caseIds = [...decided.keys()];
    if (!caseIds.length && !audited.length) return others.map(() => true);
    const records = await peoplesGroundRecords(
      this.em,
      org,
      others.map((o) => o.sub),
      caseIds.filter((id) => UUID.test(id)),
    );
    const keyOf = (r: GroundRecords) => caseIds.map((id) => accessKey(accessOf(id, org, r))).join("\n");
    const expected = caseIds.map((id) => accessKey(decided.get(id)!)).join("\n");
    const keys = new Map<GroundRecords, string>();
    const alike = records.map((r) => {
      let key = keys.get(r);
      if (key === undefined) keys.set(r, (key = keyOf(r)));
      return key === expected;
    });
    const readers = others.filter((_, i) => alike[i]).map((o) => o.sub);
    if (readers.length && audited.length) {
      const reads = audited.map((read) => {
        const { case_id, ground, operation, flagged } = auditRowOf(this.reader, this.operation, read, null);
        return { case_id, ground, operation, flagged };
      });
      // One statement for every reader and read: written all, or none and no one is answered.
      await this.em.execute(AUDIT_READERS_SQL, [new Date(), org, JSON.stringify(readers), JSON.stringify(reads)]);
      metrics.auditRows.inc(readers.length * reads.length);
    }
    return alike;
  }

  /**
   * The records that may give the caller a ground on any of the cases, in one statement whatever
   * their number: the organisation's current assignments, consents not withdrawn, disclosures not
   * revoked, and the caller's own unexpired break-glass. Read as plain rows (nothing is hydrated
   * into the ORM's identity map: these decide, they are never written back), in a statement shared
   * with the concurrent requests of other callers, from which this caller keeps only its own.
   */
  private groundRecords(caseIds: string[]): Promise<GroundRecords> {
    // A case id is a UUID; anything else names no case, and holds no ground.
    const part: GroundsPart = {
      em: this.em,
      sub: this.reader.sub,
      org: this.reader.org,
      caseIds: caseIds.filter((id) => UUID.test(id)),
    };
    // Inside a transaction the records are read on its connection, alone.
    if (this.em.isInTransaction()) return readGroundRecords([part]).then(([records]) => records!);
    return sharedStatementsOf(this.em).grounds.ask(part);
  }
}

/** A case's row read from the database as a read shows it (its columns converted as the entity's, its references as ids). */
function caseRowOf(em: EntityManager, raw: Record<string, unknown>): CaseRow {
  const data = em.getDriver().mapResult(raw, em.getMetadata().get(CaseEntity)) as Record<string, unknown>;
  return Object.freeze({
    id: data.id as string,
    caseNumber: data.caseNumber as string,
    status: data.status as CaseRow["status"],
    complex: (data.complex ?? null) as boolean | null,
    openedOn: data.openedOn as string,
    nextReviewDate: (data.nextReviewDate ?? null) as string | null,
    closedAt: (data.closedAt ?? null) as Date | null,
    collaborationEndedAt: (data.collaborationEndedAt ?? null) as Date | null,
    household: Object.freeze({ id: data.household as string }),
    mainPerson: Object.freeze({ id: data.mainPerson as string }),
  });
}

/** One request's ask for ground records: the caller (person and organisation) and the cases. */
interface GroundsPart {
  em: EntityManager;
  sub: string;
  org: string;
  caseIds: string[];
}

/** One request's audited read: its audit rows' values and the cases to read. */
interface ReadPart {
  em: EntityManager;
  /** `AUDIT_ROWS_SQL`'s values, row after row. */
  auditValues: unknown[];
  rows: number;
  caseIds: string[];
}

/**
 * Every case id the parts ask about, once, as one PostgreSQL array literal (each id is a UUID, checked
 * before it joins a part; every value of the statements stays a parameter).
 */
const caseIdsOf = (parts: { caseIds: string[] }[]) => `{${[...new Set(parts.flatMap((p) => p.caseIds))].join(",")}}`;

/**
 * The ground records of several callers in one statement; each caller gets only its own: the
 * assignments of its organisation, its own break-glass, and the consents and disclosures of its cases.
 */
async function readGroundRecords(parts: GroundsPart[]): Promise<GroundRecords[]> {
  const rows = await groundRows(parts[0]!.em, parts, caseIdsOf(parts));
  return parts.map((part) => groundRecordsOf(rows, part));
}

/** `GROUND_RECORDS_SQL` for the callers (person and organisation) on the cases (`caseIdsOf`). */
function groundRows(em: EntityManager, callers: { sub: string; org: string }[], ids: string): Promise<GroundRow[]> {
  const bound = JSON.stringify(callers.map(({ sub, org }) => ({ subject: sub, org })));
  return em.execute(GROUND_RECORDS_SQL, [bound, ids, ids, ids, ids, new Date()]);
}

/**
 * The ground records of many people of one organisation on the same cases, in one statement. Everyone
 * without a break-glass of their own among the rows holds what the organisation holds: they get one
 * and the same records object (compared once); the others, their own.
 */
async function peoplesGroundRecords(em: EntityManager, org: string, subs: string[], caseIds: string[]): Promise<GroundRecords[]> {
  const rows = await groundRows(
    em,
    subs.map((sub) => ({ sub, org })),
    caseIdsOf([{ caseIds }]),
  );
  const withGlass = new Set(rows.flatMap((row) => (row.kind === "glass" && row.record.org === org ? [row.record.subject] : [])));
  let organisation: GroundRecords | undefined;
  return subs.map((sub) =>
    withGlass.has(sub)
      ? groundRecordsOf(rows, { em, sub, org, caseIds })
      : (organisation ??= groundRecordsOf(rows, { em, sub, org, caseIds })),
  );
}

/** Several requests' audit rows written and their cases' rows read, in one statement; each gets its own cases' rows. */
async function readAuditedRows(parts: ReadPart[]): Promise<Record<string, unknown>[][]> {
  const rows = await parts[0]!.em.execute<Record<string, unknown>[]>(READ_AUDITED_SQL(parts.reduce((n, p) => n + p.rows, 0)), [
    ...parts.flatMap((p) => p.auditValues),
    caseIdsOf(parts),
  ]);
  return parts.map((part) => {
    const ids = new Set(part.caseIds);
    return rows.filter((row) => ids.has(row.id as string));
  });
}

/**
 * A process's shared statements, one set per database (driver): ground records for up to 1,000
 * callers at once, audited reads for up to 1,000 audit rows (7 parameters each: well within
 * PostgreSQL's 65,535).
 */
const statementsByDriver = new WeakMap<
  object,
  { grounds: SharedStatements<GroundsPart, GroundRecords>; reads: SharedStatements<ReadPart, Record<string, unknown>[]> }
>();

function sharedStatementsOf(em: EntityManager) {
  const driver = em.getDriver();
  let statements = statementsByDriver.get(driver);
  if (!statements) {
    statements = {
      grounds: new SharedStatements(readGroundRecords),
      reads: new SharedStatements(readAuditedRows, (part) => part.rows),
    };
    statementsByDriver.set(driver, statements);
  }
  return statements;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One read of a case to audit: the ground it is read under, and how it was reached (the operation's suffix). */
interface AuditedRead {
  caseId: string;
  ground: GroundValue;
  via: string;
}

/** One audit row: who read (person and organisation), which case, on what ground, through which operation. */
function auditRowOf<At>(reader: Identity, operation: string, { caseId, ground, via }: AuditedRead, at: At) {
  return {
    at,
    subject: reader.sub,
    organization_code: reader.org,
    case_id: caseId,
    ground,
    operation: `${operation}:${via}`.slice(0, 200),
    flagged: ground === "BREAK_GLASS",
  };
}

/** One audit row's values, in the column order of `AUDIT_ROWS_SQL`. */
function auditValuesOf(reader: Identity, operation: string, read: AuditedRead, at: Date): unknown[] {
  const row = auditRowOf(reader, operation, read, at);
  return [row.at, row.subject, row.organization_code, row.case_id, row.ground, row.operation, row.flagged];
}

/**
 * The same reads audited for many readers of one organisation: the time and organisation bound once,
 * the readers as one JSON array of names, the reads as one JSON array of rows.
 */
const AUDIT_READERS_SQL = `
  insert into cases.audit_entry (at, subject, organization_code, case_id, ground, operation, flagged)
  select ?::timestamptz, p.subject, ?, r.case_id, r.ground, r.operation, r.flagged
    from jsonb_array_elements_text(?::jsonb) as p(subject)
    cross join jsonb_to_recordset(?::jsonb) as r(case_id uuid, ground text, operation text, flagged boolean)`;

/**
 * Everything of an access that a run could show or act on, as text: two callers with the same text
 * for a case are given the same of it (sources in the order they were read: a different order is a
 * difference).
 */
function accessKey(access: Access | null): string {
  if (!access) return "null";
  const { grounds, kinds, disclosedBy, manages, assigned, sources } = access;
  return JSON.stringify([grounds, [...kinds], [...disclosedBy], manages, assigned, sources]);
}

/** Once per request, case and ground. */
const auditKey = (r: AuditedRead) => `${r.caseId}|${r.ground}`;

/** `n` audit rows, each bound as `auditValues` gives them. */
const AUDIT_ROWS_SQL = (n: number) => `
  insert into cases.audit_entry (at, subject, organization_code, case_id, ground, operation, flagged)
  values ${Array.from({ length: n }, () => "(?, ?, ?, ?::uuid, ?, ?, ?)").join(", ")}`;

/**
 * `n` audit rows written and the cases' rows read, in one statement: a data-modifying WITH runs to
 * completion whether or not the select reads its output, and if it fails the statement fails.
 */
const READ_AUDITED_SQL = (n: number) => `
  with audit as (${AUDIT_ROWS_SQL(n)})
  select c.* from cases.support_case c where c.id = any(?::uuid[])`;

/**
 * The four kinds of ground record, each as JSON under its kind, for several callers at once: the
 * callers (person and organisation) are bound as one JSON array, the batch's case ids as one array
 * literal per kind. Assignments and break-glass carry whose they are (`org`, `subject`), so that
 * each caller keeps only its own (`groundRecordsOf`).
 */
const GROUND_RECORDS_SQL = `
  with caller as (select distinct subject, org from jsonb_to_recordset(?::jsonb) as c(subject text, org text))
  select 'assignment' as kind, jsonb_build_object('caseId', case_id, 'role', role, 'org', organization_code) as record
    from cases.assignment where case_id = any(?::uuid[]) and organization_code in (select org from caller) and ended_at is null
  union all
  select 'consent', jsonb_build_object('caseId', case_id, 'organizationCodes', organization_codes, 'infoKinds', info_kinds,
      'coversMultiLayeredMeeting', covers_multi_layered_meeting, 'givenOn', to_char(given_on, 'YYYY-MM-DD'))
    from cases.consent where case_id = any(?::uuid[]) and withdrawn_at is null
  union all
  select 'disclosure', jsonb_build_object('caseId', case_id, 'kind', kind, 'meetingId', meeting_id,
      'organizationCodes', organization_codes, 'purpose', purpose, 'disclosedAt', disclosed_at)
    from cases.disclosure where case_id = any(?::uuid[]) and revoked_at is null
  union all
  select 'glass', jsonb_build_object('caseId', case_id, 'expiresAt', expires_at, 'subject', subject, 'org', organization_code)
    from cases.break_glass where case_id = any(?::uuid[]) and (subject, organization_code) in (select subject, org from caller)
      and expires_at > ?`;

/** One row of `GROUND_RECORDS_SQL`. */
type GroundRow =
  | { kind: "assignment"; record: AssignmentRecord & { org: string } }
  | { kind: "consent"; record: ConsentRecord }
  | { kind: "disclosure"; record: Omit<DisclosureRecord, "disclosedAt"> & { disclosedAt: string } }
  | { kind: "glass"; record: { caseId: string; expiresAt: string; subject: string; org: string } };

/**
 * One caller's records out of a statement read for several: of its cases only, the assignments of
 * its own organisation, and its own break-glass (the person's, in that organisation).
 */
function groundRecordsOf(rows: GroundRow[], caller: GroundsPart): GroundRecords {
  const records: GroundRecords = { assignments: [], consents: [], disclosures: [], glass: [] };
  const ids = new Set(caller.caseIds);
  for (const row of rows) {
    if (!ids.has(row.record.caseId)) continue;
    if (row.kind === "assignment") {
      if (row.record.org === caller.org) records.assignments.push({ caseId: row.record.caseId, role: row.record.role });
    } else if (row.kind === "consent") records.consents.push(row.record);
    else if (row.kind === "disclosure") records.disclosures.push({ ...row.record, disclosedAt: new Date(row.record.disclosedAt) });
    else if (row.record.subject === caller.sub && row.record.org === caller.org) {
      records.glass.push({ caseId: row.record.caseId, expiresAt: new Date(row.record.expiresAt) });
    }
  }
  return records;
}

/** An assignment of the caller's organisation, as the grounds need it. */
interface AssignmentRecord {
  caseId: string;
  role: Assignment["role"];
}

/** A consent not withdrawn, as the grounds need it. */
interface ConsentRecord {
  caseId: string;
  organizationCodes: string[];
  infoKinds: InfoKindValue[];
  coversMultiLayeredMeeting: boolean;
  givenOn: string;
}

/** A disclosure to a meeting not revoked, as the grounds need it. */
interface DisclosureRecord {
  caseId: string;
  kind: Disclosure["kind"];
  meetingId: string;
  organizationCodes: string[];
  purpose: string;
  disclosedAt: Date;
}

/** What `AccessService` reads for a batch of cases. */
interface GroundRecords {
  /** The caller's organisation's current assignments. */
  assignments: AssignmentRecord[];
  /** Consents not withdrawn. */
  consents: ConsentRecord[];
  /** Disclosures to meetings not revoked. */
  disclosures: DisclosureRecord[];
  /** The caller's own unexpired break-glass. */
  glass: { caseId: string; expiresAt: Date }[];
}

/** Each ground the caller holds on one case, with the kinds it discloses, and the records behind them. */
function groundsOn(caseId: string, org: string, records: GroundRecords) {
  const { assignments, consents, disclosures, glass } = records;
  /** Each ground the caller holds, with the kinds it discloses. */
  const byGround = new Map<GroundValue, Set<InfoKindValue>>();
  const add = (g: GroundValue, ks: Iterable<InfoKindValue>) => {
    const set = byGround.get(g) ?? new Set<InfoKindValue>();
    for (const k of ks) set.add(k);
    byGround.set(g, set);
  };
  const sources: GroundSource[] = [];
  const mine = assignments.filter((a) => a.caseId === caseId);
  if (mine.length) add("ASSIGNMENT", ALL);
  for (const a of mine) sources.push({ ground: "ASSIGNMENT", infoKinds: [...INFO_KINDS], assignmentRole: a.role });
  const caseConsents = consents.filter((c) => c.caseId === caseId);
  for (const c of caseConsents.filter((c) => c.organizationCodes.includes(org))) {
    add("CONSENT", c.infoKinds);
    sources.push({ ground: "CONSENT", infoKinds: [...c.infoKinds], consentGivenOn: c.givenOn });
  }
  const covered = multiLayeredKinds(caseConsents);
  const covering = caseConsents.find((c) => c.coversMultiLayeredMeeting && c.infoKinds.some((k) => covered.includes(k)));
  for (const d of disclosures.filter((d) => d.caseId === caseId && d.organizationCodes.includes(org))) {
    const meeting = { meetingId: d.meetingId, purpose: d.purpose, disclosedAt: d.disclosedAt };
    if (d.kind === "SUPPORT_MEETING") {
      add("SUPPORT_MEETING", MEETING_KINDS);
      sources.push({ ground: "SUPPORT_MEETING", infoKinds: [...MEETING_KINDS], ...meeting });
    } else if (covering) {
      add("MULTI_LAYERED_SUPPORT_MEETING", covered);
      sources.push({ ground: "MULTI_LAYERED_SUPPORT_MEETING", infoKinds: [...covered], ...meeting, consentGivenOn: covering.givenOn });
    }
  }
  const myGlass = glass.filter((g) => g.caseId === caseId);
  if (myGlass.length) add("BREAK_GLASS", ALL);
  for (const g of myGlass) sources.push({ ground: "BREAK_GLASS", infoKinds: [...INFO_KINDS], expiresAt: g.expiresAt });
  return { byGround, sources, mine };
}

/** The caller's access to one case from the batch's records; `null` when it holds no ground. */
function accessOf(caseId: string, org: string, records: GroundRecords): Access | null {
  const { byGround, sources, mine } = groundsOn(caseId, org, records);
  if (!byGround.size) return null;
  const grounds = ORDER.filter((g) => byGround.has(g));
  const disclosedBy = new Map<InfoKindValue, GroundValue>();
  for (const k of INFO_KINDS) {
    const g = grounds.find((g) => byGround.get(g)!.has(k));
    if (g) disclosedBy.set(k, g);
  }
  return {
    caseId,
    grounds,
    kinds: new Set(disclosedBy.keys()),
    disclosedBy,
    manages: mine.some((a) => a.role === "LEAD" || a.role === "COORDINATOR"),
    assigned: mine.length > 0,
    sources: sources.sort((a, b) => ORDER.indexOf(a.ground) - ORDER.indexOf(b.ground)),
  };
}

/**
 * The organisations that see a case on an organisation-wide ground (assignment, consent, a 支援会議
 * disclosure, a 重層的支援会議 disclosure while a consent covers it): the same rule as
 * `AccessService`, for all organisations at once. Break-glass is personal and never counts. Read
 * inside a write's transaction before and after the change, it says whose shared cases changed.
 */
export async function organizationsSharing(em: EntityManager, caseId: string): Promise<Set<string>> {
  const [assignments, consents, disclosures] = await Promise.all([
    em.find(AssignmentEntity, { case: caseId, endedAt: null }, { fields: ["organizationCode"] }),
    em.find(
      ConsentEntity,
      { case: caseId, withdrawnAt: null },
      { fields: ["organizationCodes", "infoKinds", "coversMultiLayeredMeeting"] },
    ),
    em.find(DisclosureEntity, { case: caseId, revokedAt: null }, { fields: ["kind", "organizationCodes"] }),
  ]);
  const covered = multiLayeredKinds(consents).length > 0;
  return new Set([
    ...assignments.map((a) => a.organizationCode),
    ...consents.flatMap((c) => c.organizationCodes),
    ...disclosures.filter((d) => d.kind === "SUPPORT_MEETING" || covered).flatMap((d) => d.organizationCodes),
  ]);
}
