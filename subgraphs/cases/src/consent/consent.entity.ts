import { randomUUIDv7 } from "node:crypto";
import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { CaseEntity } from "../case/case.entity.js";

/** Kinds of case information, the unit of consent and of what each ground discloses. */
export const INFO_KINDS = ["BASIC", "CONSULTATION", "ASSESSMENT", "PLAN", "PROGRESS"] as const;
export type InfoKindValue = (typeof INFO_KINDS)[number];

/**
 * The person's consent (本人同意) as its own record: which organisations, which kinds of information,
 * whether it covers 重層的支援会議, when given, when withdrawn. Withdrawal takes effect at once.
 */
export const ConsentEntity = defineEntity({
  name: "Consent",
  tableName: "consent",
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUIDv7()),
    case: () => p.manyToOne(CaseEntity).index(),
    organizationCodes: p.json<string[]>(),
    infoKinds: p.json<InfoKindValue[]>(),
    coversMultiLayeredMeeting: p.boolean().default(false),
    givenOn: p.date(),
    recordedBy: p.string().length(200),
    withdrawnAt: p.datetime().nullable(),
    withdrawnBy: p.string().length(200).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Consent = InferEntity<typeof ConsentEntity>;
