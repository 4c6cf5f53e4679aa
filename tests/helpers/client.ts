import { createClient, type Client } from "graphql-ws";
import { expect } from "vitest";
import WebSocket from "ws";
import { IDENTITY_HEADER, SIGNATURE_HEADER, signIdentity, type Identity } from "@marugoto/shared";

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; [k: string]: unknown } }[];
}

/** POSTs one operation over real HTTP. */
export async function post<T = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
  operationName?: string,
): Promise<GraphQLResponse<T>> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables, operationName }),
  });
  const body = (await res.json()) as Omit<GraphQLResponse<T>, "status">;
  return { status: res.status, ...body };
}

/** Runs one operation as the bearer of `token` and returns its data; an error in the answer fails the test. */
export async function dataAs<T = Record<string, any>>(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
  extra: { operationName?: string; headers?: Record<string, string> } = {},
): Promise<T> {
  const res = await post<T>(url, query, variables, { ...bearer(token), ...extra.headers }, extra.operationName);
  expect(res.errors).toBeUndefined();
  return res.data!;
}

/**
 * The headers the gateway would add for `post(url, query, variables)` to `subgraph` (signed for that
 * subgraph and that exact body): lets a test call a subgraph as the gateway does. Each set is good for
 * one call.
 */
export function signedHeaders(
  subgraph: string,
  identity: Identity,
  secret: string,
  query: string,
  variables: Record<string, unknown> = {},
  now?: number,
): Record<string, string> {
  const signed = signIdentity(identity, secret, { kind: "http", subgraph, body: JSON.stringify({ query, variables }) }, now);
  return { [IDENTITY_HEADER]: signed.identity, [SIGNATURE_HEADER]: signed.signature };
}

/**
 * The connection params the gateway would send when opening a graphql-ws connection to `subgraph`:
 * the socket ends at `until` (by default in an hour, as a token's expiry would).
 */
export function signedConnectionParams(
  subgraph: string,
  identity: Identity,
  secret: string,
  { now = Date.now(), until = now + 3_600_000 }: { now?: number; until?: number } = {},
): Record<string, string> {
  const signed = signIdentity(identity, secret, { kind: "ws", subgraph, until }, now);
  return { [IDENTITY_HEADER]: signed.identity, [SIGNATURE_HEADER]: signed.signature };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A real graphql-ws client; `token` travels in connection_init. */
export function wsClient(url: string, token?: string, options: Partial<Parameters<typeof createClient>[0]> = {}): Client {
  return createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
    ...options,
  });
}

/** Runs one query or mutation over graphql-ws and resolves with its single result. */
export function wsExecute<T = Record<string, any>>(
  client: Client,
  query: string,
  variables: Record<string, unknown> = {},
  operationName?: string,
): Promise<Omit<GraphQLResponse<T>, "status">> {
  return new Promise((resolve, reject) => {
    let result: Omit<GraphQLResponse<T>, "status"> | undefined;
    client.subscribe<T>(
      { query, variables, operationName },
      {
        next: (value) => (result = value as Omit<GraphQLResponse<T>, "status">),
        error: reject,
        complete: () => (result ? resolve(result) : reject(new Error("completed without a result"))),
      },
    );
  });
}
