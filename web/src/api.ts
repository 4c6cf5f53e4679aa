import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { createClient, type Client } from "graphql-ws";

/** The board's connection to the gateway: HTTP for queries and mutations, graphql-ws for live updates. */
export interface Session {
  token: string;
  org: string;
  roles: string[];
}

export type LinkState = "connecting" | "connected" | "reconnecting";

export class GraphError extends Error {
  constructor(readonly code: string | undefined, message: string) {
    super(message);
  }
}

const endpoint = () => `${location.origin}/graphql`;

export async function request<R, V>(session: Session, document: TypedDocumentNode<R, V>, variables: V): Promise<R> {
  const res = await fetch(endpoint(), {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${session.token}` },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await res.json()) as { data?: R; errors?: { message: string; extensions?: { code?: string } }[] };
  if (body.errors?.length) throw new GraphError(body.errors[0]!.extensions?.code, body.errors[0]!.message);
  return body.data!;
}

/** One graphql-ws client per session; it reconnects by itself and reports its state. */
export function liveClient(session: Session, onState: (state: LinkState) => void): Client {
  let connectedOnce = false;
  return createClient({
    url: endpoint().replace(/^http/, "ws"),
    connectionParams: { authorization: `Bearer ${session.token}` },
    retryAttempts: Infinity,
    shouldRetry: () => true,
    retryWait: (retries) => new Promise((r) => setTimeout(r, Math.min(250 * 2 ** retries, 5000))),
    on: {
      connected: () => {
        connectedOnce = true;
        onState("connected");
      },
      closed: () => onState(connectedOnce ? "reconnecting" : "connecting"),
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
    unsubscribe = client.subscribe<R>(
      { query: print(document), variables: { ...variables, after: cursor } as Record<string, unknown> },
      {
        next: (result) => {
          if (!result.data) return;
          const event = Object.values(result.data)[0] as { cursor: string };
          if (seen.has(event.cursor)) return;
          seen.add(event.cursor);
          cursor = event.cursor;
          onEvent(result.data as R);
        },
        error: () => {
          if (!stopped) setTimeout(start, 500);
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
