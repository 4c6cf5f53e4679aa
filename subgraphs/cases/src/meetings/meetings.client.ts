import { z } from "zod";
import { callSubgraphAs, DEVELOPMENT_IDENTITY_SECRET, nodeEnvSchema, type Identity } from "@marugoto/shared";

/** What the cases subgraph needs to know of a meeting before disclosing a case to it. */
export interface MeetingFacts {
  /** The kind of the body the meeting is a sitting of (SUPPORT_MEETING, MULTI_LAYERED_SUPPORT_MEETING, MARUGOTO_COUNCIL, …). */
  bodyKind: string;
  /** Its status (SCHEDULED, IN_PROGRESS, ADJOURNED, CLOSED, CANCELLED), when the answer says. */
  status?: string;
  /** Its member organisations. */
  memberCodes: string[];
  /** The organisation that chairs it (議長), when the answer names one. */
  chairCode?: string;
  /** Its members that pledged confidentiality for it (守秘義務の誓約), when the answer says. */
  pledgedCodes?: string[];
  /** When each member was (last) invited (ISO time; null: before this was kept), when the answer says. */
  joinedAt?: Record<string, string | null>;
}

/** Asks the meetings subgraph (the owner of meetings) about one meeting, as the caller. */
export interface MeetingLookup {
  /** The meeting as the caller may see it; null when it does not exist or is not visible to the caller. */
  find(meetingId: string, identity: Identity): Promise<MeetingFacts | null>;
}

const QUERY = `query CasesDisclosureCheck($id: ID!) { meeting(id: $id) { status body { kind } members { role pledged joinedAt organization { code } } } }`;

/**
 * Over HTTP, straight to the meetings subgraph, as the caller: the identity is signed with the shared
 * IDENTITY_SECRET exactly as the gateway signs it (bound to this query), so the meetings subgraph
 * applies its own visibility rules (a 非公開 meeting exists only for its members). No table of another
 * subgraph is read. Any failure throws: a disclosure is never recorded unchecked.
 */
export class HttpMeetingLookup implements MeetingLookup {
  constructor(
    private readonly url: string,
    private readonly secret: string,
  ) {}

  async find(meetingId: string, identity: Identity): Promise<MeetingFacts | null> {
    const { ok, status, answer } = await callSubgraphAs<{
      data?: {
        meeting: {
          status?: string;
          body: { kind: string };
          members: { role?: string; pledged?: boolean; joinedAt?: string | null; organization: { code: string } | null }[];
        } | null;
      };
      errors?: { message: string; extensions?: { code?: string } }[];
    }>(
      "meetings",
      this.url,
      this.secret,
      identity,
      { query: QUERY, variables: { id: meetingId }, operationName: "CasesDisclosureCheck" },
      5000,
    );
    if (answer.errors?.length && answer.errors.every((e) => e.extensions?.code === "NOT_FOUND")) return null;
    if (!ok || answer.errors?.length || !answer.data)
      throw new Error(`meetings lookup failed: ${status} ${JSON.stringify(answer.errors ?? [])}`);
    const m = answer.data.meeting;
    if (!m) return null;
    const members = m.members;
    const codes = (pick: (x: (typeof members)[number]) => boolean) =>
      members.flatMap((x) => (x.organization && pick(x) ? [x.organization.code] : []));
    const chairCode = members.find((x) => x.role === "CHAIR")?.organization?.code;
    const joinedAt = Object.fromEntries(members.flatMap((x) => (x.organization ? [[x.organization.code, x.joinedAt ?? null]] : [])));
    return {
      bodyKind: m.body.kind,
      status: m.status,
      memberCodes: codes(() => true),
      chairCode,
      pledgedCodes: codes((x) => x.pledged === true),
      joinedAt,
    };
  }
}

/** The cases subgraph's own settings. */
const casesEnvSchema = z
  .object({
    NODE_ENV: nodeEnvSchema,
    /** The meetings subgraph, asked before a disclosure to one of its meetings. Required in production. */
    MEETINGS_URL: z.string().url().optional(),
    IDENTITY_SECRET: z.string().min(16).default(DEVELOPMENT_IDENTITY_SECRET),
  })
  .refine((c) => c.NODE_ENV !== "production" || !!c.MEETINGS_URL, {
    message: "MEETINGS_URL must be set in production (disclosures are checked against the meeting)",
    path: ["MEETINGS_URL"],
  });

/** The lookup from the environment; null (no check) only outside production, when MEETINGS_URL is unset. */
export function meetingLookupFrom(env: NodeJS.ProcessEnv): MeetingLookup | null {
  const result = casesEnvSchema.safeParse(env);
  if (!result.success)
    throw new Error(`Invalid configuration:\n${result.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`).join("\n")}`);
  return result.data.MEETINGS_URL ? new HttpMeetingLookup(result.data.MEETINGS_URL, result.data.IDENTITY_SECRET) : null;
}
