import { randomUUIDv7 } from "node:crypto";
import { defineEntity, p, type InferEntity } from "@mikro-orm/core";

/** One of the city's 30 districts (地区), with its district social welfare council (地区社協). */
export const DistrictEntity = defineEntity({
  name: "District",
  tableName: "district",
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUIDv7()),
    code: p.string().length(40).unique(),
    name: p.string().length(100),
    /** The district council's organisation code in the directory. */
    councilCode: p.string().length(80),
    placeholder: p.boolean().default(true),
    sortOrder: p.integer(),
  },
});
export type District = InferEntity<typeof DistrictEntity>;
