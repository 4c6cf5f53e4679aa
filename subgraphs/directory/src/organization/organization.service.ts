import type DataLoader from "dataloader";
import type { EntityManager } from "@mikro-orm/postgresql";
import { isUuid, loaderByKey, loaderOfGroups } from "@marugoto/shared";
import { OrganizationEntity, type Organization, type OrganizationKindValue } from "./organization.entity.js";

export interface OrganizationFilter {
  kinds?: OrganizationKindValue[];
  parentCode?: string;
}

/** Reads organisations; every lookup by key goes through a per-request loader (one query per batch). */
export class OrganizationService {
  readonly byId: DataLoader<string, Organization | null>;
  readonly byCode: DataLoader<string, Organization | null>;
  readonly childrenOf: DataLoader<string, Organization[]>;

  constructor(private readonly em: EntityManager) {
    this.byId = loaderByKey(
      (ids) => this.em.find(OrganizationEntity, { id: { $in: ids } }),
      (r) => r.id,
    );
    this.byCode = loaderByKey(
      (codes) => this.em.find(OrganizationEntity, { code: { $in: codes } }),
      (r) => r.code,
    );
    this.childrenOf = loaderOfGroups(
      (parentIds) => this.em.find(OrganizationEntity, { parent: { $in: parentIds } }, { orderBy: { sortOrder: "asc", code: "asc" } }),
      (r) => r.parent?.id,
    );
  }

  async list(filter: OrganizationFilter = {}): Promise<Organization[]> {
    const where: Record<string, unknown> = {};
    if (filter.kinds?.length) where.kind = { $in: filter.kinds };
    if (filter.parentCode) where.parent = { code: filter.parentCode };
    return this.em.find(OrganizationEntity, where, { orderBy: { kind: "asc", sortOrder: "asc", code: "asc" } });
  }

  /** Resolves a reference given by either key; `null` when it does not exist. */
  async resolveReference(ref: { id?: string; code?: string }): Promise<Organization | null> {
    // Not a UUID: no such organisation (and never a uuid cast error from PostgreSQL).
    if (ref.id) return isUuid(ref.id) ? this.byId.load(ref.id) : null;
    if (ref.code) return this.byCode.load(ref.code);
    return null;
  }
}
