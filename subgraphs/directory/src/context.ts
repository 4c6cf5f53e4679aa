import type { EntityManager } from "@mikro-orm/postgresql";
import type { Identity } from "@marugoto/shared";
import { OrganizationService } from "./organization/organization.service.js";
import { RosterService } from "./roster/roster.service.js";

/** Per-operation context: the caller, a forked EntityManager, and services with per-request loaders. */
export interface DirectoryContext {
  identity: Identity;
  organizations: OrganizationService;
  rosters: RosterService;
}

export function createDirectoryContext(em: EntityManager, identity: Identity): DirectoryContext {
  const fork = em.fork();
  return { identity, organizations: new OrganizationService(fork), rosters: new RosterService(fork) };
}
