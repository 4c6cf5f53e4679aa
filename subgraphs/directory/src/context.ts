import type { EntityManager } from "@mikro-orm/postgresql";
import type { AnswersWatch, ContextSettings, Identity, OperationInfo } from "@marugoto/shared";
import { OrganizationService } from "./organization/organization.service.js";
import { RosterService } from "./roster/roster.service.js";

/** Per-operation context: the caller, a forked EntityManager, and services with per-request loaders. */
export interface DirectoryContext {
  identity: Identity;
  organizations: OrganizationService;
  rosters: RosterService;
  /** The process's kept answers (the directory keeps them), watched by `referenceDataChanged`. */
  answers: AnswersWatch | undefined;
}

export function createDirectoryContext(
  em: EntityManager,
  identity: Identity,
  _runtime: unknown,
  _operation: OperationInfo,
  settings: ContextSettings,
): DirectoryContext {
  const fork = em.fork();
  return { identity, organizations: new OrganizationService(fork), rosters: new RosterService(fork), answers: settings.answers };
}
