import type { EntityManager } from "@mikro-orm/postgresql";
import {
  renewableContext,
  startEventRuntime,
  watchedIdentity,
  type EventHub,
  type EventRuntime,
  type GroupContext,
  type Identity,
  type OperationInfo,
} from "@marugoto/shared";
import { AccessService } from "./access/access.service.js";
import { AuditService } from "./audit/audit.service.js";
import { CaseService } from "./case/case.service.js";
import { SharingService } from "./consent/sharing.service.js";
import { SCHEMA } from "./events/case-events.js";
import { ParticipationService } from "./participation/participation.service.js";
import { meetingLookupFrom, type MeetingLookup } from "./meetings/meetings.client.js";
import { RecordService } from "./record/record.service.js";
import { ReportService } from "./report/report.service.js";

export interface CasesRuntime extends EventRuntime {
  /** The meetings subgraph, asked before a disclosure; null only outside production without MEETINGS_URL. */
  meetings: MeetingLookup | null;
}

const startEvents = startEventRuntime(SCHEMA);

/** Its event hub and its link to the meetings subgraph, once per process. */
export async function startCasesRuntime(
  em: EntityManager,
  databaseUrl: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<CasesRuntime> {
  const meetings = meetingLookupFrom(env);
  return { ...(await startEvents(em, databaseUrl)), meetings };
}

/** Per-operation context: the caller, the sharing engine, services over one forked EntityManager. */
export interface CasesContext {
  identity: Identity;
  em: EntityManager;
  events: EventHub;
  access: AccessService;
  cases: CaseService;
  records: RecordService;
  sharing: SharingService;
  audit: AuditService;
  participation: ParticipationService;
  reports: ReportService;
  /** Fresh EntityManager, loaders and grounds: after a write, and for every subscription event. */
  renew(): void;
}

/** What a cases context's parts are built from. */
interface CasesInputs {
  root: EntityManager;
  identity: Identity;
  runtime: CasesRuntime;
  operation: OperationInfo;
  /**
   * One run for many people (`createCasesGroupContext`): the access service reads the run's person
   * unwatched for their break-glass and audit rows only (what it decides is compared for each of the
   * others, and the rows written for each), and is kept here.
   */
  group?: { representative: Identity; access: AccessService[] };
}

type CasesParts = Omit<CasesContext, "identity" | "events" | "renew">;

/** Each part over the context's one forked EntityManager, built when first read (anew after `renew`). */
const casesContext = renewableContext<CasesInputs, CasesParts>({
  em: (_, { root }) => root.fork(),
  access: ({ em }, { identity, operation, group }) => {
    if (!group) return new AccessService(em, identity, operation.name ?? "anonymous");
    const access = new AccessService(em, identity, operation.name ?? "anonymous", { person: group.representative });
    group.access.push(access);
    return access;
  },
  cases: ({ em, access }, { identity }) => new CaseService(em, identity, access),
  records: ({ em, cases }, { identity }) => new RecordService(em, identity, cases),
  sharing: ({ em, cases }, { identity, runtime }) => new SharingService(em, identity, cases, runtime.meetings),
  audit: ({ em }, { identity }) => new AuditService(em, identity),
  participation: ({ em, cases }, { identity }) => new ParticipationService(em, identity, cases),
  reports: ({ em }, { identity }) => new ReportService(em, identity),
});

export function createCasesContext(root: EntityManager, identity: Identity, runtime: CasesRuntime, operation: OperationInfo): CasesContext {
  return casesContext({ identity, events: runtime.events }, { root, identity, runtime, operation });
}

/**
 * One run for many people of one organisation and roles asking the same query (`GroupContext`). The
 * run is made as the first of them, with their person watched everywhere but where the access service
 * reads their break-glass and writes their audit rows.
 * Its answer is another person's when nothing else read the person and they hold exactly the same
 * access to every case the run decided on (their audit rows then written as the run wrote its own).
 */
export function createCasesGroupContext(
  root: EntityManager,
  representative: Identity,
  runtime: CasesRuntime,
  operation: OperationInfo,
): GroupContext<CasesContext> {
  const watch = watchedIdentity(representative);
  const group = { representative, access: [] as AccessService[] };
  const context = casesContext(
    { identity: watch.identity, events: runtime.events },
    { root, identity: watch.identity, runtime, operation, group },
  );
  return {
    context,
    async answerAlike(others) {
      // Read the person outside the grounds, or renewed its services (a write): not shared.
      if (watch.personal() || group.access.length > 1) return others.map(() => false);
      const [access] = group.access;
      return access ? access.answerAlike(others) : others.map(() => true);
    },
  };
}
