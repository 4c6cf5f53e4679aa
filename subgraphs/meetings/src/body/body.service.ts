import DataLoader from "dataloader";
import type { EntityManager } from "@mikro-orm/postgresql";
import { loaderByKey, loaderOfGroups } from "@marugoto/shared";
import { BodyMemberEntity, MeetingBodyEntity, type BodyMember, type MeetingBody } from "./body.entity.js";

/** Reads meeting bodies and their standing members; list lookups are batched per request. */
export class BodyService {
  readonly byId: DataLoader<string, MeetingBody | null>;
  readonly membersOf: DataLoader<string, BodyMember[]>;
  readonly bodiesOfOrganization: DataLoader<string, MeetingBody[]>;

  constructor(private readonly em: EntityManager) {
    this.byId = loaderByKey(
      (ids) => this.em.find(MeetingBodyEntity, { id: { $in: ids } }),
      (r) => r.id,
    );
    this.membersOf = loaderOfGroups(
      (bodyIds) => this.em.find(BodyMemberEntity, { body: { $in: bodyIds } }, { orderBy: { position: "asc" } }),
      (r) => r.body.id,
    );
    // Hand-written: each organisation gets the bodies of its rows, not the rows themselves.
    this.bodiesOfOrganization = new DataLoader(async (codes) => {
      const rows = await this.em.find(
        BodyMemberEntity,
        { organizationCode: { $in: [...codes] } },
        { populate: ["body"], orderBy: { body: { code: "asc" } } },
      );
      return codes.map((code) => rows.filter((r) => r.organizationCode === code).map((r) => r.body));
    });
  }

  list(): Promise<MeetingBody[]> {
    return this.em.find(MeetingBodyEntity, {}, { orderBy: { kind: "asc", code: "asc" } });
  }

  byCode(code: string): Promise<MeetingBody | null> {
    return this.em.findOne(MeetingBodyEntity, { code });
  }
}
