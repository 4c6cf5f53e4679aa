import type { EntityManager } from "@mikro-orm/postgresql";
import { startEventRuntime, type EventHub, type EventRuntime, type Identity, type OperationInfo } from "@marugoto/shared";
import { AccessService } from "./access/access.service.js";
import { AuditService } from "./audit/audit.service.js";
import { CaseService } from "./case/case.service.js";
import { SharingService } from "./consent/sharing.service.js";
import { SCHEMA } from "./events/case-events.js";
import { ParticipationService } from "./participation/participation.service.js";
import { RecordService } from "./record/record.service.js";

export type CasesRuntime = EventRuntime;

/** Its event hub, once per process. */
export const startCasesRuntime = startEventRuntime(SCHEMA);

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
  /** Fresh EntityManager, loaders and grounds: after a write, and for every subscription event. */
  renew(): void;
}

export function createCasesContext(root: EntityManager, identity: Identity, runtime: CasesRuntime, operation: OperationInfo): CasesContext {
  const context = { identity, events: runtime.events } as CasesContext;
  context.renew = () => {
    const em = root.fork();
    const access = new AccessService(em, identity, operation.name ?? "anonymous");
    const cases = new CaseService(em, identity, access);
    Object.assign(context, {
      em,
      access,
      cases,
      records: new RecordService(em, identity, cases),
      sharing: new SharingService(em, identity, cases),
      audit: new AuditService(em, identity),
      participation: new ParticipationService(em, identity, cases),
    });
  };
  context.renew();
  return context;
}
