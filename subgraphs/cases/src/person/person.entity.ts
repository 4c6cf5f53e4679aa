import { randomUUIDv7 } from "node:crypto";
import { defineEntity, p, type InferEntity } from "@mikro-orm/core";

export const SEXES = ["FEMALE", "MALE", "OTHER", "UNKNOWN"] as const;
export type SexValue = (typeof SEXES)[number];

/**
 * A person (本人・世帯員). Outreach can begin before a name is known: then only `pseudonym` is set,
 * until consent or a 支援会議 lets the record be completed.
 */
export const PersonEntity = defineEntity({
  name: "Person",
  tableName: "person",
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUIDv7()),
    pseudonym: p.string().length(60),
    name: p.string().length(100).nullable(),
    nameKana: p.string().length(100).nullable(),
    sex: p.enum(SEXES).default("UNKNOWN"),
    birthDate: p.date().nullable(),
    address: p.string().length(300).nullable(),
    phone: p.string().length(40).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Person = InferEntity<typeof PersonEntity>;

/** A household (世帯). */
export const HouseholdEntity = defineEntity({
  name: "Household",
  tableName: "household",
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUIDv7()),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Household = InferEntity<typeof HouseholdEntity>;

/** A person's place in a household, with the relation to the main person (続柄). */
export const HouseholdMemberEntity = defineEntity({
  name: "HouseholdMember",
  tableName: "household_member",
  uniques: [{ properties: ["household", "person"] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUIDv7()),
    household: () => p.manyToOne(HouseholdEntity).index(),
    person: () => p.manyToOne(PersonEntity),
    relation: p.string().length(40),
  },
});
export type HouseholdMember = InferEntity<typeof HouseholdMemberEntity>;
