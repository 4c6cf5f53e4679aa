import DataLoader from "dataloader";
import type { EntityManager } from "@mikro-orm/postgresql";
import { RosterEntity, RosterMemberEntity, type Roster, type RosterMember } from "./roster.entity.js";

/** Reads rosters (会議体の構成員名簿) and their members. */
export class RosterService {
  readonly membersOf: DataLoader<string, RosterMember[]>;

  constructor(private readonly em: EntityManager) {
    this.membersOf = new DataLoader(async (rosterIds) => {
      const rows = await this.em.find(
        RosterMemberEntity,
        { roster: { $in: [...rosterIds] } },
        { orderBy: { position: "asc" } },
      );
      return rosterIds.map((id) => rows.filter((r) => r.roster.id === id));
    });
  }

  list(): Promise<Roster[]> {
    return this.em.find(RosterEntity, {}, { orderBy: { code: "asc" } });
  }

  byCode(code: string): Promise<Roster | null> {
    return this.em.findOne(RosterEntity, { code });
  }
}
