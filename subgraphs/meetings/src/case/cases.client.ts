import { callSubgraphAs, DEVELOPMENT_IDENTITY_SECRET, type Identity } from "@marugoto/shared";

/** Tells the cases subgraph (the owner of disclosures) that an organisation leaves a case meeting, or that one is called off. */
export interface CaseDisclosures {
  /** Withdraws what the meeting was disclosed from the organisation, as the caller (the chair); throws when not done. */
  withdraw(meetingId: string, organizationCode: string, identity: Identity): Promise<void>;
  /**
   * Withdraws everything the meeting was disclosed, as the caller (the chair), because it is called
   * off; throws when not done, with `MEETING_OPENED` among its codes when the meeting has opened.
   */
  withdrawCalledOff(meetingId: string, identity: Identity): Promise<void>;
}

/** The cases subgraph refused to withdraw; `codes` are its user errors' codes. */
export class WithdrawalRefused extends Error {
  constructor(
    message: string,
    readonly codes: string[],
  ) {
    super(message);
  }
}

const MUTATION = `mutation MeetingsMemberLeaves($m: ID!, $o: String!) { withdrawMeetingDisclosures(meetingId: $m, organizationCode: $o) { withdrawn userErrors { code message } } }`;
const CALLED_OFF = `mutation MeetingsMeetingCalledOff($m: ID!) { withdrawCalledOffMeetingDisclosures(meetingId: $m) { withdrawn userErrors { code message } } }`;

type WithdrawalAnswer = { withdrawn: number | null; userErrors: { code: string }[] } | null | undefined;

/**
 * Over HTTP, straight to the cases subgraph, as the caller: the identity is signed with the shared
 * IDENTITY_SECRET exactly as the gateway signs it (bound to this request), so the cases subgraph
 * applies its own rules (it asks the meetings subgraph whether the caller chairs the meeting).
 */
class HttpCaseDisclosures implements CaseDisclosures {
  constructor(
    private readonly url: string,
    private readonly secret: string,
  ) {}

  withdraw(meetingId: string, organizationCode: string, identity: Identity): Promise<void> {
    return this.call(identity, MUTATION, "MeetingsMemberLeaves", { m: meetingId, o: organizationCode }, "withdrawMeetingDisclosures");
  }

  withdrawCalledOff(meetingId: string, identity: Identity): Promise<void> {
    return this.call(identity, CALLED_OFF, "MeetingsMeetingCalledOff", { m: meetingId }, "withdrawCalledOffMeetingDisclosures");
  }

  private async call(
    identity: Identity,
    query: string,
    operationName: string,
    variables: Record<string, string>,
    field: string,
  ): Promise<void> {
    const { ok, status, answer } = await callSubgraphAs<{ data?: Record<string, WithdrawalAnswer>; errors?: unknown[] }>(
      "cases",
      this.url,
      this.secret,
      identity,
      { query, variables, operationName },
      10_000,
    );
    const payload = answer.data?.[field];
    if (!ok || answer.errors?.length || !payload || payload.withdrawn === null)
      throw new WithdrawalRefused(
        `cases withdrawal failed: ${status} ${JSON.stringify(answer.errors ?? payload?.userErrors ?? [])}`,
        payload?.userErrors.map((e) => e.code) ?? [],
      );
  }
}

/**
 * The link from the environment, whose CASES_URL is read at each call (a test stack boots the
 * meetings subgraph before the cases subgraph, and names it once that is up); no link (nothing to
 * tell) only outside production while CASES_URL is unset. Production refuses to start without it.
 * The identity secret itself is checked with the subgraph's other settings.
 */
export function caseDisclosuresFrom(env: NodeJS.ProcessEnv): () => CaseDisclosures | null {
  if (env.NODE_ENV === "production" && !env.CASES_URL)
    throw new Error(
      "Invalid configuration:\n  - CASES_URL: CASES_URL must be set in production (an organisation leaving a case meeting loses what it was disclosed)",
    );
  const secret = env.IDENTITY_SECRET || DEVELOPMENT_IDENTITY_SECRET;
  return () => {
    const url = env.CASES_URL;
    return url ? new HttpCaseDisclosures(url, secret) : null;
  };
}
