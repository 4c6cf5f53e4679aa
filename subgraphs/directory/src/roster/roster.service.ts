import type DataLoader from "dataloader";
import type { EntityManager } from "@mikro-orm/postgresql";
import { loaderOfGroups } from "@marugoto/shared";
import { RosterEntity, RosterMemberEntity, type Roster, type RosterMember } from "./roster.entity.js";

/** Reads rosters (会議体の構成員名簿) and their members. */
export class RosterService {
  readonly membersOf: DataLoader<string, RosterMember[]>;

  constructor(private readonly em: EntityManager) {
    this.membersOf = loaderOfGroups(
      (rosterIds) => this.em.find(RosterMemberEntity, { roster: { $in: rosterIds } }, { orderBy: { position: "asc" } }),
      (r) => r.roster.id,
    );
  }

  list(): Promise<Roster[]> {
    return this.em.find(RosterEntity, {}, { orderBy: { code: "asc" } });
  }

  byCode(code: string): Promise<Roster | null> {
    return this.em.findOne(RosterEntity, { code });
  }
}
