import type { EntityManager } from "@mikro-orm/postgresql";
import { renewableParts, startEventRuntime, type EventHub, type EventRuntime, type Identity, type OperationInfo } from "@marugoto/shared";
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

export function createCasesContext(root: EntityManager, identity: Identity, runtime: CasesRuntime, operation: OperationInfo): CasesContext {
  const context = { identity, events: runtime.events } as CasesContext;
  context.renew = renewableParts(context, CASES_PARTS, () => {
    const em = root.fork();
    const access = new AccessService(em, identity, operation.name ?? "anonymous");
    const cases = new CaseService(em, identity, access);
    return {
      em,
      access,
      cases,
      records: new RecordService(em, identity, cases),
      sharing: new SharingService(em, identity, cases, runtime.meetings),
      audit: new AuditService(em, identity),
      participation: new ParticipationService(em, identity, cases),
      reports: new ReportService(em, identity),
    };
  });
  return context;
}

/** The parts of a context built over one forked EntityManager (when first read; anew after `renew`). */
const CASES_PARTS = [
  "em",
  "access",
  "cases",
  "records",
  "sharing",
  "audit",
  "participation",
  "reports",
] as const satisfies readonly (keyof CasesContext)[];
