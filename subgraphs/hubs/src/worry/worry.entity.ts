import { randomUUIDv7 } from "node:crypto";
import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { HubEntity } from "../hub/hub.entity.js";

export const WORRY_RESOLUTIONS = ["OPEN", "SOLVED_LOCALLY", "PASSED_ON"] as const;
export type WorryResolutionValue = (typeof WORRY_RESOLUTIONS)[number];

/**
 * A worry heard at a hub (困りごと・相談ごと), with as little personal data as the hub needs: a
 * category and a short summary, never a name. Solved locally or passed on to an organisation.
 */
export const WorryEntity = defineEntity({
  name: "Worry",
  tableName: "worry",
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUIDv7()),
    hub: () => p.manyToOne(HubEntity).index(),
    heardOn: p.date(),
    category: p.string().length(40),
    summary: p.text(),
    resolution: p.enum(WORRY_RESOLUTIONS).default("OPEN"),
    passedToCode: p.string().length(80).nullable(),
    resolvedAt: p.datetime().nullable(),
    recordedBy: p.string().length(200),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Worry = InferEntity<typeof WorryEntity>;
