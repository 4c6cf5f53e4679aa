import { GraphQLError } from "graphql";

/** graphql-ws close code for a socket over the identity's cap (4429: "too many", after HTTP 429). */
export const TOO_MANY_SOCKETS_CLOSE = 4429;

export interface SocketLimitSettings {
  /** Active operations (subscriptions, and queries in flight) on one socket. */
  operationsPerSocket: number;
  /** Active operations of one identity over all its sockets, merged upstream or not. */
  operationsPerIdentity: number;
  /** Open sockets of one identity. */
  socketsPerIdentity: number;
}

/** What graphql-ws keeps per socket: the operations in flight, by id. */
interface SocketContext {
  subscriptions: Record<string, unknown>;
}

function tooMany(message: string, scope: "socket" | "identity", limit: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "TOO_MANY_OPERATIONS", scope, limit } });
}

/**
 * Bounds what one identity may hold open over graphql-ws: the HTTP rate limit does not see a
 * subscription, so 1,000 identical ones on one socket would otherwise all be accepted.
 */
export class SocketLimits {
  private readonly sockets = new Map<string, Set<SocketContext>>();
  private readonly owners = new WeakMap<SocketContext, string>();

  constructor(private readonly settings: SocketLimitSettings) {}

  /** At connection: false when the identity already holds its maximum of sockets. */
  admit(ctx: SocketContext, identity: string): boolean {
    const held = this.sockets.get(identity) ?? new Set();
    if (held.size >= this.settings.socketsPerIdentity) return false;
    held.add(ctx);
    this.sockets.set(identity, held);
    this.owners.set(ctx, identity);
    return true;
  }

  /** At close. */
  release(ctx: SocketContext): void {
    const identity = this.owners.get(ctx);
    if (identity === undefined) return;
    const held = this.sockets.get(identity);
    held?.delete(ctx);
    if (held && !held.size) this.sockets.delete(identity);
    this.owners.delete(ctx);
  }

  /**
   * At each operation, before anything is awaited: the refusal, if over a limit; else the operation
   * is admitted. (graphql-ws lists an operation in `ctx.subscriptions` before its checks complete,
   * so admitted operations are tracked here, and drop out once graphql-ws has removed them.)
   */
  refusal(ctx: SocketContext, id: string): GraphQLError | undefined {
    const { operationsPerSocket, operationsPerIdentity } = this.settings;
    const mine = this.live(ctx);
    if (mine.size >= operationsPerSocket) {
      return tooMany(`1つの接続で同時に実行できる操作は${operationsPerSocket}件までです。`, "socket", operationsPerSocket);
    }
    const identity = this.owners.get(ctx);
    let total = 0;
    for (const socket of (identity === undefined ? undefined : this.sockets.get(identity)) ?? []) total += this.live(socket).size;
    if (total >= operationsPerIdentity) {
      return tooMany(`同時に実行できる操作は1人あたり${operationsPerIdentity}件までです。`, "identity", operationsPerIdentity);
    }
    mine.add(id);
    return undefined;
  }

  private readonly admitted = new WeakMap<SocketContext, Set<string>>();

  /** The socket's admitted operations still running. */
  private live(ctx: SocketContext): Set<string> {
    const ids = this.admitted.get(ctx) ?? new Set<string>();
    this.admitted.set(ctx, ids);
    for (const id of ids) if (!(id in ctx.subscriptions)) ids.delete(id);
    return ids;
  }

  /** Open sockets and operations, for tests and metrics. */
  stats(): { identities: number; sockets: number } {
    let sockets = 0;
    for (const held of this.sockets.values()) sockets += held.size;
    return { identities: this.sockets.size, sockets };
  }
}

/** Marks an operation refused at subscribe time; `refusing` answers it with the error instead of running it. */
const REFUSED = Symbol("refused");

export function markRefused<A extends { contextValue?: unknown }>(args: A, error: GraphQLError): A {
  return { ...args, contextValue: { ...(args.contextValue as object), [REFUSED]: error } };
}

/** Wraps graphql-ws's execute/subscribe: a refused operation gets one result with its error, then completes. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function refusing<F extends (args: any) => unknown>(run: F): F {
  return ((args: { contextValue?: unknown }) => {
    const error = (args.contextValue as { [REFUSED]?: GraphQLError } | undefined)?.[REFUSED];
    return error ? { errors: [error] } : run(args);
  }) as F;
}
