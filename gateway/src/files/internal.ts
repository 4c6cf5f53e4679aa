import type { GatewayRuntime } from "@graphql-hive/gateway-runtime";
import type { Identity } from "@marugoto/shared/core";
import { markCountedByCaller, markVerified } from "../authenticate-first.js";

/** Requests the gateway makes of itself to build a file: they run registered documents only. */
const internal = new WeakSet<Request>();
export const isInternal = (request: Request) => internal.has(request);

export interface InternalResult<T> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/**
 * Runs one operation through the gateway as `identity`: the same plugins, limits, subgraph
 * signatures and rules as any client's operation, so a file holds what the graph would show that
 * caller, and the cases subgraph audits each case read under this operation's name. With
 * `countedByCaller`, the identity's request allowance is not taken for the run: the caller takes it.
 */
export async function runAs<T>(
  runtime: GatewayRuntime<never>,
  identity: Identity,
  query: string,
  operationName: string,
  variables: Record<string, unknown>,
  { countedByCaller = false }: { countedByCaller?: boolean } = {},
): Promise<InternalResult<T>> {
  const request = new Request("http://gateway.internal/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ query, operationName, variables }),
  });
  internal.add(request);
  markVerified(request, { ok: true, identity, expiresAt: Date.now() + 60_000 });
  if (countedByCaller) markCountedByCaller(request);
  const response = await runtime.fetch(request);
  return (await response.json()) as InternalResult<T>;
}
