import type { EntityManager } from "@mikro-orm/postgresql";
import { renewableContext, startEventRuntime, type EventHub, type EventRuntime, type Identity, type OperationInfo } from "@marugoto/shared";
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
}

type CasesParts = Omit<CasesContext, "identity" | "events" | "renew">;

/** Each part over the context's one forked EntityManager, built when first read (anew after `renew`). */
const casesContext = renewableContext<CasesInputs, CasesParts>({
  em: (_, { root }) => root.fork(),
  access: ({ em }, { identity, operation }) => new AccessService(em, identity, operation.name ?? "anonymous"),
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
