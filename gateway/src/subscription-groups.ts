import { createHash } from "node:crypto";
import { handOutInSlices } from "@marugoto/shared/core";
import { interrupted, isIterable } from "./interruptions.js";
import { PushIterator } from "./push-iterator.js";
import {
  Kind,
  parse,
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from "graphql";

type Result = ExecutionResult;
type Source = AsyncIterable<Result> | Result;
type Member = PushIterator<Result>;

export interface SubscriptionRequest {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

export interface GroupStats {
  groups: number;
  members: number;
}

/** The operation a request runs: the one named, or the only one. */
export function operationOf(document: DocumentNode, name?: string | null): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return name ? operations.find((o) => o.name?.value === name) : operations.length === 1 ? operations[0] : undefined;
}

/** The root fields of an operation, also those inside root fragments (inline or spread). */
function rootFields(document: DocumentNode, operation: OperationDefinitionNode): FieldNode[] {
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  const fields: FieldNode[] = [];
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) fields.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) walk(fragment.selectionSet);
      }
    }
  };
  walk(operation.selectionSet);
  return fields;
}

/** Whether a value node is present and not null once variables (and their defaults) are applied. */
function provided(value: ValueNode, variables: Record<string, unknown>, operation: OperationDefinitionNode): boolean {
  if (value.kind === Kind.NULL) return false;
  if (value.kind !== Kind.VARIABLE) return true;
  const name = value.name.value;
  if (name in variables) return variables[name] != null;
  const fallback = operation.variableDefinitions?.find((d) => d.variable.name.value === name)?.defaultValue;
  return !!fallback && fallback.kind !== Kind.NULL;
}

/**
 * Whether a subscription document starts with a replay (`after` given, literally, by a variable or by
 * a variable's default); `undefined` when it is not a subscription.
 */
export function resumesAt(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
): boolean | undefined {
  const operation = operationOf(document, operationName);
  if (operation?.operation !== "subscription") return undefined;
  // Every event stream of the graph takes `after: Cursor`; given one, the stream starts with a replay.
  return rootFields(document, operation).some((f) =>
    (f.arguments ?? []).some((a) => a.name.value === "after" && provided(a.value, variables, operation)),
  );
}

/**
 * Members given an event before the event loop turns. Every group hands out at once (28 of them at
 * 10,000 subscribers), so a turn writes groups × slice frames: at 100, about 2,800 frames (≈ 70 ms)
 * stood between a chair's mutation and its answer at each turn, and the answer needs a few turns
 * (140–233 ms at 10,000 subscribers); at 25, 75–93 ms, delivery no slower (`bench/README.md`).
 */
export const GROUP_HAND_OUT_SLICE = 25;

/**
 * The subscriptions of the graph that are a state, given now and at every change, not a stream of
 * events: whoever subscribes gets the current state at once, also when joining a stream already
 * running (`referenceDataChanged`, the directory's; see its description in the schema). The meetings
 * subgraph's `meetingsDataChanged` is one too, though no client reaches it (`@inaccessible`: only the
 * gateway's own watch asks the subgraph for it).
 */
export const STATE_SUBSCRIPTIONS: ReadonlySet<string> = new Set(["referenceDataChanged", "meetingsDataChanged"]);

/** Whether a subscription document asks for a state (its root field is one of `STATE_SUBSCRIPTIONS`). */
export function givesState(document: DocumentNode, operationName?: string | null): boolean {
  const operation = operationOf(document, operationName);
  return !!operation && rootFields(document, operation).some((f) => STATE_SUBSCRIPTIONS.has(f.name.value));
}

/**
 * Whether every root field of a subscription is one no personal subgraph serves (`Subscription.x`
 * not among `personal`, the fields only personal subgraphs resolve): its upstream stream is then an
 * organisation's, the same for everyone of it, and only later calls may be personal.
 */
export function servedByOrganisations(
  document: DocumentNode,
  operationName: string | null | undefined,
  personal: ReadonlySet<string>,
): boolean {
  const operation = operationOf(document, operationName);
  if (operation?.operation !== "subscription") return false;
  const fields = rootFields(document, operation);
  return fields.length > 0 && fields.every((f) => f.name.value !== "__typename" && !personal.has(`Subscription.${f.name.value}`));
}

/** What a subscription request is, for grouping: `undefined` when it is not a subscription. */
export function describeSubscription(
  request: SubscriptionRequest,
  parsed?: DocumentNode,
): { resumes: boolean; document: DocumentNode } | undefined {
  let document: DocumentNode;
  try {
    document = parsed ?? parse(request.query);
  } catch {
    return undefined;
  }
  const resumes = resumesAt(document, request.operationName, request.variables ?? {});
  return resumes === undefined ? undefined : { resumes, document };
}

/** A result that ends its stream: errors and no data (an interruption, a refusal), as `upstream-requests.ts` makes them. */
export const endsStream = (result: Result): boolean => !!result.errors?.length && !result.data;

class Group {
  readonly members = new Set<Member>();
  /** A state's latest value, given to whoever joins after it came. */
  private latest: Result | undefined;
  private source: AsyncIterator<Result> | undefined;
  /**
   * No one may join any more: the stream ended or is ending, or — for a resumed stream — its replay
   * has begun. A replay is what the subgraph let the first member see when it subscribed (each event
   * as its organisation stood then); someone of the same scope who comes later must be let in by
   * the subgraph itself, now (an organisation removed from a meeting meanwhile is refused there),
   * so a late joiner of a resumed stream gets an upstream stream of its own, never a copy of another's.
   */
  closedToJoiners = false;

  constructor(
    private readonly resumes: boolean,
    private readonly onEmpty: () => void,
    private readonly state = false,
  ) {}

  /** Starts pumping the upstream into every member. */
  run(iterable: AsyncIterable<Result>): void {
    this.source = iterable[Symbol.asyncIterator]();
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await this.source!.next();
          if (done) break;
          if (this.resumes) this.closedToJoiners = true;
          if (this.state) this.latest = value;
          // An error without data ends a stream (an interruption, a refusal): whoever comes while it
          // is handed out starts anew rather than join a group that is about to end in silence.
          if (endsStream(value)) this.closedToJoiners = true;
          // A slice at a time (the next upstream event waits until this one is handed to everyone).
          await handOutInSlices(
            this.members,
            (m) => this.members.has(m),
            (m) => m.push(value),
            GROUP_HAND_OUT_SLICE,
          );
        }
      } catch (error) {
        const result: Result = { errors: [interrupted()] };
        for (const member of this.members) member.push(result);
        void error;
      } finally {
        this.closedToJoiners = true;
        for (const member of this.members) member.end();
        this.members.clear();
        this.onEmpty();
      }
    })();
  }

  /** Ends everyone who joined before the upstream answered with a single result. */
  fail(result: Result): void {
    this.closedToJoiners = true;
    for (const member of this.members) {
      member.push(result);
      member.end();
    }
    this.members.clear();
  }

  join(): Member {
    const member: Member = new PushIterator((m) => this.leave(m));
    if (this.latest) member.push(this.latest);
    this.members.add(member);
    return member;
  }

  private leave(member: Member): void {
    this.members.delete(member);
    if (this.members.size === 0) {
      this.closedToJoiners = true;
      this.onEmpty();
      void this.source?.return?.();
    }
  }
}

/**
 * A new group's upstream, started. A start that fails, or yields a single result (a refusal:
 * NOT_FOUND, say), removes the group and gives whoever joined meanwhile the same answer.
 */
export async function startGroup<G extends { fail(result: Result): void }>(
  groups: Map<string, G>,
  key: string,
  group: G,
  start: () => Promise<Source> | Source,
): Promise<Source> {
  let source: Source;
  try {
    source = await start();
  } catch (error) {
    groups.delete(key);
    group.fail({ errors: [{ message: "購読を開始できませんでした。", extensions: { code: "INTERNAL_SERVER_ERROR" } } as never] });
    throw error;
  }
  if (!isIterable(source)) {
    groups.delete(key);
    group.fail(source);
  }
  return source;
}

/**
 * Merges identical subscriptions: one upstream subscription per (document, variables, authorisation
 * scope), its results handed to every client of the group. Clients of different scopes never share
 * a group. Fan-out then costs one upstream execution per event and group, not per client.
 */
export class SubscriptionGroups {
  /** The group a request of each key joins now. */
  private readonly groups = new Map<string, Group>();
  /** Every group whose upstream runs, those closed to joiners included (a resumed one whose replay began). */
  private readonly running = new Set<Group>();

  /**
   * The group key, or `undefined` when the request must run on its own (not a subscription).
   * `scopeFor` gives the authorisation scope from the subscription's whole document (its selection).
   */
  keyOf(
    request: SubscriptionRequest,
    scopeFor: (document: DocumentNode) => string,
    parsed?: DocumentNode,
  ): { key: string; resumes: boolean; state: boolean } | undefined {
    const described = describeSubscription(request, parsed);
    if (!described) return undefined;
    const scope = scopeFor(described.document);
    const key = createHash("sha256")
      .update(JSON.stringify([request.query, request.operationName ?? null, request.variables ?? {}, scope]))
      .digest("base64url");
    return { key, resumes: described.resumes, state: givesState(described.document, request.operationName) };
  }

  /**
   * Joins the group of `key`, starting its upstream with `start` when there is none. A start that
   * yields a single result (an error, say) is returned as is and nothing is shared. A `state`
   * group gives a joiner its latest value at once.
   */
  async subscribe(key: string, resumes: boolean, start: () => Promise<Source> | Source, state = false): Promise<Source> {
    const existing = this.groups.get(key);
    if (existing && !existing.closedToJoiners) return existing.join();
    const group = new Group(
      resumes,
      () => {
        this.running.delete(group);
        if (this.groups.get(key) === group) this.groups.delete(key);
      },
      state,
    );
    this.groups.set(key, group);
    this.running.add(group);
    const source = await startGroup(this.groups, key, group, start).catch((error: unknown) => {
      this.running.delete(group);
      throw error;
    });
    if (!isIterable(source)) {
      this.running.delete(group);
      return source;
    }
    const member = group.join();
    // Counted while it runs (whoever joined during the start and left again took it out of the count).
    this.running.add(group);
    group.run(source);
    return member;
  }

  stats(): GroupStats {
    let members = 0;
    for (const g of this.running) members += g.members.size;
    return { groups: this.running.size, members };
  }
}
