import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { createClient, type Client } from "graphql-ws";

/** The board's connection to the gateway: HTTP for queries and mutations, graphql-ws for live updates. */
export interface Session {
  token: string;
  org: string;
  roles: string[];
}

/** The live link: `expired` when the gateway refused the session's token (it ran out): no reconnecting then. */
export type LinkState = "connecting" | "connected" | "reconnecting" | "expired";

/** A problem a user can act on, as mutations return it (`userErrors`). */
export interface UserError {
  field?: string[] | null;
  code: string;
  message: string;
}

export class GraphError extends Error {
  constructor(
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

const endpoint = () => `${location.origin}/graphql`;

/** codegen's client preset gives every document the hash of its registered text (`sha256:<hex>`). */
const documentIdOf = (document: unknown): string | undefined => (document as { __meta__?: { hash?: string } }).__meta__?.hash;

/**
 * How operations travel. In production the gateway runs registered operations only, so the board
 * sends each one's `documentId` from the generated manifest, never its text. A development gateway
 * without a manifest cannot resolve ids: when it answers that no document was given, the board sends
 * text from then on.
 */
let mode: "id" | "text" = (sessionStorage.getItem("marugoto-operation-mode") as "id" | "text" | null) ?? "id";

function body(document: TypedDocumentNode<unknown, unknown>, variables: unknown): Record<string, unknown> {
  const documentId = documentIdOf(document);
  return mode === "id" && documentId ? { documentId, variables } : { query: print(document), variables };
}

/** The gateway could not find a document in the request: it does not know documentIds. */
const noDocument = (status: number, errors: { message: string; extensions?: { code?: string } }[] | undefined) =>
  status === 400 &&
  !!errors?.length &&
  !errors[0]!.extensions?.code?.startsWith("PERSISTED_DOCUMENT") &&
  /documentId|query/i.test(errors[0]!.message);

/** What a user reads when no answer came: whether the change landed is unknown. */
const NETWORK_ERROR = "サーバーから応答がありませんでした。通信と画面の内容を確かめて、もう一度お試しください。";

export async function request<R, V>(session: Session, document: TypedDocumentNode<R, V>, variables: V): Promise<R> {
  for (;;) {
    const sent = body(document as TypedDocumentNode<unknown, unknown>, variables);
    const res = await fetch(endpoint(), {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${session.token}` },
      body: JSON.stringify(sent),
    }).catch(() => {
      // The browser's own words ("Failed to fetch") mean nothing to a user, and say nothing of whether it landed.
      throw new GraphError("NETWORK_ERROR", NETWORK_ERROR);
    });
    const answer = (await res.json().catch(() => ({}))) as { data?: R; errors?: { message: string; extensions?: { code?: string } }[] };
    if ("documentId" in sent && !answer.data && noDocument(res.status, answer.errors)) {
      mode = "text";
      sessionStorage.setItem("marugoto-operation-mode", mode);
      continue;
    }
    // A gateway that now runs registered operations only (say, redeployed in production mode).
    if ("query" in sent && documentIdOf(document) && answer.errors?.[0]?.extensions?.code === "PERSISTED_DOCUMENT_REQUIRED") {
      mode = "id";
      sessionStorage.setItem("marugoto-operation-mode", mode);
      continue;
    }
    if (answer.errors?.length) throw new GraphError(answer.errors[0]!.extensions?.code, answer.errors[0]!.message);
    if (!answer.data) throw new GraphError(undefined, `サーバーから応答がありません（HTTP ${res.status}）。`);
    return answer.data;
  }
}

/**
 * Close codes with which the gateway refuses the token itself (4401: it expired; 4403: refused):
 * reconnecting with the same token cannot help, and would only knock on the gateway every few seconds.
 */
const TOKEN_REFUSED = new Set([4401, 4403]);
const refusedToken = (event: unknown) => TOKEN_REFUSED.has((event as { code?: number } | null)?.code ?? 0);

/** One graphql-ws client per session; it reconnects by itself (unless its token is refused) and reports its state. */
export function liveClient(session: Session, onState: (state: LinkState) => void): Client {
  let connectedOnce = false;
  return createClient({
    url: endpoint().replace(/^http/, "ws"),
    connectionParams: { authorization: `Bearer ${session.token}` },
    retryAttempts: Infinity,
    shouldRetry: (event) => !refusedToken(event),
    retryWait: (retries) => new Promise((r) => setTimeout(r, Math.min(250 * 2 ** retries, 5000))),
    on: {
      connected: () => {
        connectedOnce = true;
        onState("connected");
      },
      closed: (event) => onState(refusedToken(event) ? "expired" : connectedOnce ? "reconnecting" : "connecting"),
    },
  });
}

/**
 * Subscribes from a cursor and keeps the last cursor seen: after a drop the client resubscribes
 * from it, so the board catches up with exactly what it missed.
 */
export function follow<R extends Record<string, { cursor: string }>, V extends { after?: string | null }>(
  client: Client,
  document: TypedDocumentNode<R, V>,
  variables: V,
  onEvent: (event: R) => void,
): () => void {
  let cursor = variables.after ?? null;
  // graphql-ws resubscribes by itself after a reconnect, with the variables it started with: the
  // replay then repeats events already applied. Each event is applied once.
  const seen = new Set<string>();
  let stopped = false;
  let unsubscribe = () => {};
  const start = () => {
    const payload = body(document as TypedDocumentNode<unknown, unknown>, { ...variables, after: cursor });
    unsubscribe = client.subscribe<R>(
      // With a documentId the text stays empty: the gateway runs the registered document.
      { query: "", ...payload } as { query: string; variables: Record<string, unknown> },
      {
        next: (result) => {
          if (!result.data) return;
          const event = Object.values(result.data)[0] as { cursor: string };
          if (seen.has(event.cursor)) return;
          seen.add(event.cursor);
          cursor = event.cursor;
          onEvent(result.data as R);
        },
        // Started again after a drop, but not once the gateway refused the token: that would only reconnect with it.
        error: (error) => {
          if (!stopped && !refusedToken(error)) setTimeout(start, 500);
        },
        complete: () => {
          if (!stopped) setTimeout(start, 500);
        },
      },
    );
  };
  start();
  return () => {
    stopped = true;
    unsubscribe();
  };
}

/**
 * An event cursor's place in its subgraph's sequence (0 when it cannot be read): a read's cursor
 * behind an event already shown means the read was answered from before that event.
 */
export function cursorSeq(cursor: string | null | undefined): number {
  if (!cursor) return 0;
  try {
    const match = /^e:(\d+)$/.exec(atob(cursor.replace(/-/g, "+").replace(/_/g, "/")));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** A fresh key per user action, so a retried mutation is applied at most once. */
export const idempotencyKey = () => crypto.randomUUID();
