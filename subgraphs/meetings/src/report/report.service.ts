import type { EntityManager } from "@mikro-orm/postgresql";
import { count, fiscalYearSpan, type Count, type Identity } from "@marugoto/shared";
import { BODY_KINDS, type BodyKindValue } from "../body/body.entity.js";

/** What the meetings subgraph contributes to the fiscal-year report (年度報告). */
export class ReportService {
  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
  ) {}

  /** Sittings opened in the fiscal year (1 April, Asia/Tokyo), by kind of body. */
  async meetingsHeld(fiscalYear: number): Promise<{ kind: BodyKindValue; held: Count }[]> {
    const { start, end } = fiscalYearSpan(fiscalYear);
    const rows = await this.em.execute<{ kind: string; n: string }[]>(
      `select b.kind, count(*) as n from meetings.meeting m join meetings.meeting_body b on b.id = m.body_id
        where m.starts_at >= ? and m.starts_at < ? and m.status not in ('SCHEDULED', 'CANCELLED') group by b.kind`,
      [start, end],
    );
    return BODY_KINDS.map((kind) => ({ kind, held: count(Number(rows.find((x) => x.kind === kind)?.n ?? 0), this.identity, false) }));
  }
}
