import type { EntityManager } from "@mikro-orm/postgresql";
import type { Identity } from "@marugoto/shared";
import { BodyService } from "./body/body.service.js";

/** Per-operation context: the caller, and services over one forked EntityManager. */
export interface MeetingsContext {
  identity: Identity;
  bodies: BodyService;
}

export function createMeetingsContext(em: EntityManager, identity: Identity): MeetingsContext {
  const fork = em.fork();
  return { identity, bodies: new BodyService(fork) };
}
