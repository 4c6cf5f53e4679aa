import { randomUUIDv7 } from "node:crypto";
import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { OrganizationEntity } from "../organization/organization.entity.js";
import { changeNotice } from "@marugoto/shared";

const ROSTER_ROLES = ["CHAIR", "MEMBER"] as const;
export type RosterRoleValue = (typeof ROSTER_ROLES)[number];

export const RosterEntity = defineEntity({
  name: "Roster",
  tableName: "roster",
  triggers: [changeNotice("directory", "roster")],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUIDv7()),
    code: p.string().length(80).unique(),
    name: p.string().length(200),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Roster = InferEntity<typeof RosterEntity>;

export const RosterMemberEntity = defineEntity({
  name: "RosterMember",
  tableName: "roster_member",
  triggers: [changeNotice("directory", "roster_member")],
  uniques: [{ properties: ["roster", "organization"] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUIDv7()),
    roster: () => p.manyToOne(RosterEntity).index(),
    organization: () => p.manyToOne(OrganizationEntity),
    role: p.enum(ROSTER_ROLES).default("MEMBER"),
    /** The seat's title when it is a person's office (e.g. 福祉推進部長). */
    title: p.string().length(200).nullable(),
    position: p.integer(),
  },
});
export type RosterMember = InferEntity<typeof RosterMemberEntity>;
