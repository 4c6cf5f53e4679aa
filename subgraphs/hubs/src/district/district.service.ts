import type DataLoader from "dataloader";
import type { EntityManager } from "@mikro-orm/postgresql";
import { loaderByKey } from "@marugoto/shared";
import { DistrictEntity, type District } from "./district.entity.js";

/** The city's districts; every lookup by id goes through a per-request loader (one statement per batch). */
export class DistrictService {
  readonly byId: DataLoader<string, District | null>;

  constructor(private readonly em: EntityManager) {
    this.byId = loaderByKey(
      (ids) => this.em.find(DistrictEntity, { id: { $in: ids } }),
      (r) => r.id,
    );
  }

  /** Every district, in the city's order. */
  list(): Promise<District[]> {
    return this.em.find(DistrictEntity, {}, { orderBy: { sortOrder: "asc" } });
  }

  /** The district of a hub (it always has one). */
  async of(hub: { district: { id: string } }): Promise<District> {
    return (await this.byId.load(hub.district.id))!;
  }
}
