import {
  Kind,
  visit,
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  type OperationDefinitionNode,
  type ValueNode,
} from "graphql";
import { decodeCursor, metrics } from "@marugoto/shared/core";
import { INTERRUPTED, isIterable } from "./interruptions.js";
import { PushIterator } from "./push-iterator.js";
import { endsStream, operationOf } from "./subscription-groups.js";

type Result = ExecutionResult;
type Source = AsyncIterable<Result> | Result;

/**
 * Live events a resumed stream may still hold apart, waiting for its replay to reach them: past this,
 * the live stream is let go and the resumed one goes on alone, as before.
 */
const MAX_WAITING_LIVE = 1_000;

/**
 * How a resumed subscription can be moved onto the live stream of everyone of its scope: the variable
 * that holds its `after` (set to null, the request is the live one) and where each result says its
 * event's cursor (the root field's response key, then the `cursor` field's).
 */
export interface ConvergencePlan {
  afterVariable: string;
  cursorPath: readonly [string, string];
}

const responseKey = (field: FieldNode) => field.alias?.value ?? field.name.value;

/** A boolean argument's value once variables (and their defaults) are applied; `undefined` when not a boolean. */
function booleanOf(value: ValueNode, variables: Record<string, unknown>, operation: OperationDefinitionNode): boolean | undefined {
  if (value.kind === Kind.BOOLEAN) return value.value;
  if (value.kind !== Kind.VARIABLE) return undefined;
  const name = value.name.value;
  if (name in variables) return typeof variables[name] === "boolean" ? (variables[name] as boolean) : undefined;
  const fallback = operation.variableDefinitions?.find((d) => d.variable.name.value === name)?.defaultValue;
  return fallback?.kind === Kind.BOOLEAN ? fallback.value : undefined;
}

/** How many times a variable is used in the document (arguments and directives, at any depth; its definition aside). */
function usesOf(document: DocumentNode, name: string): number {
  let uses = 0;
  visit(document, {
    VariableDefinition: () => false,
    Variable(node) {
      if (node.name.value === name) uses++;
    },
  });
  return uses;
}

/**
 * A plan when the subscription can converge, else `undefined`: its one root field, without directives,
 * takes `after` from a variable given a cursor (used nowhere else, without a default), does not ask for the end of the
 * replay to be marked (`markCaughtUp`: that marker belongs to the resumed stream alone), and selects
 * `cursor` directly (without directives), so that every result says which event it is.
 */
export function convergencePlan(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
): ConvergencePlan | undefined {
  const operation = operationOf(document, operationName);
  if (operation?.operation !== "subscription") return undefined;
  const [root, ...more] = operation.selectionSet.selections;
  if (!root || more.length || root.kind !== Kind.FIELD || root.directives?.length) return undefined;
  const args = root.arguments ?? [];
  const after = args.find((a) => a.name.value === "after")?.value;
  if (after?.kind !== Kind.VARIABLE || typeof variables[after.name.value] !== "string") return undefined;
  // Used once, and without a default: the live request (the variable left out) then differs by `after` alone.
  if (usesOf(document, after.name.value) !== 1) return undefined;
  if (operation.variableDefinitions?.some((d) => d.variable.name.value === after.name.value && d.defaultValue)) return undefined;
  const mark = args.find((a) => a.name.value === "markCaughtUp")?.value;
  if (mark && mark.kind !== Kind.NULL && booleanOf(mark, variables, operation) !== false) return undefined;
  const cursor = root.selectionSet?.selections.find(
    (s): s is FieldNode => s.kind === Kind.FIELD && s.name.value === "cursor" && !s.directives?.length,
  );
  if (!cursor) return undefined;
  return { afterVariable: after.name.value, cursorPath: [responseKey(root), responseKey(cursor)] };
}

/** The event's sequence number a result carries at `path`; `undefined` when it carries none. */
export function cursorOf(result: Result, path: readonly [string, string]): number | undefined {
  const field = (result.data as Record<string, unknown> | null | undefined)?.[path[0]];
  const cursor = field && typeof field === "object" ? (field as Record<string, unknown>)[path[1]] : undefined;
  return typeof cursor === "string" ? decodeCursor(cursor) : undefined;
}

const ignore = () => undefined;

/**
 * A result that says its stream was interrupted (the runtime may send it with the last event's data
 * beside it, and may go on): always given on, never taken for an event both streams gave.
 */
const interrupts = (result: Result): boolean =>
  !!result.errors?.some((e) => (e as { extensions?: { code?: unknown } }).extensions?.code === INTERRUPTED);

/**
 * A resumed subscription (`own`: its replay from its cursor, then live events, run for it alone) that
 * moves onto the live stream everyone of its scope shares (`startLive`: the same request without
 * `after`, joined as any live subscriber joins it) once the two have met: from the first event the
 * live stream gave that the resumed one has also given, the subscriber reads the live stream, from
 * the event after the last one it had, and its own stream ends. Each event reaches it once, in order:
 * both streams give one subgraph's events of one scope in the order of their cursors, and the live
 * one gives every event after its first.
 *
 * The replay stays the subscriber's alone (what its organisation may see of each missed event is
 * decided for it); only live events, which every subscriber of its scope is given alike, are shared.
 * Until the streams meet (the next event), nothing changes. When the live stream is refused, ends or
 * falls too far behind first, the resumed one goes on alone, as it always did.
 */
export function converged(
  own: AsyncIterable<Result>,
  startLive: () => Promise<Source>,
  path: readonly [string, string],
): AsyncIterableIterator<Result> {
  const convergence = new Convergence(own[Symbol.asyncIterator](), path);
  void convergence.readOwn();
  void convergence.readLive(startLive);
  return convergence.out;
}

/** The two streams of one resumed subscription, and what its subscriber has been given of them. */
class Convergence {
  readonly out: PushIterator<Result>;
  private live: AsyncIterator<Result> | undefined;
  private liveGone = false;
  private switched = false;
  private left = false;
  /** The cursor of the last event given from the resumed stream, then (once switched) from either. */
  private last: number | undefined;
  /** Live events not yet given, with their cursors, from the live stream's first. */
  private readonly waiting: { cursor: number; result: Result }[] = [];

  constructor(
    private readonly own: AsyncIterator<Result>,
    private readonly path: readonly [string, string],
  ) {
    this.out = new PushIterator<Result>(() => {
      this.left = true;
      this.close(this.own);
      this.close(this.live);
    });
  }

  /** Gives a stream up (it may still hold a group member, a socket, a person's calls). */
  private close(iterator: AsyncIterator<Result> | undefined): void {
    void iterator?.return?.()?.catch(ignore);
  }

  private letLiveGo(): void {
    this.liveGone = true;
    this.waiting.length = 0;
    this.close(this.live);
  }

  /** Moves onto the live stream once it has given an event the resumed one gave (or an earlier one). */
  private meet(): void {
    const { last } = this;
    if (this.switched || this.liveGone || last === undefined || !this.waiting.length || this.waiting[0]!.cursor > last) return;
    this.switched = true;
    this.close(this.own);
    for (const w of this.waiting.splice(0)) {
      if (w.cursor <= this.last!) continue;
      this.out.push(w.result);
      this.last = w.cursor;
    }
    metrics.subscriptionsConverged.inc();
  }

  async readOwn(): Promise<void> {
    try {
      for (;;) {
        const step = await this.own.next();
        if (step.done || this.switched || this.left) break;
        this.out.push(step.value);
        if (endsStream(step.value)) break;
        const cursor = cursorOf(step.value, this.path);
        if (cursor !== undefined) this.last = cursor;
        // Without a cursor a result cannot be placed among the live stream's; an interrupted stream is about to end.
        if (cursor === undefined || interrupts(step.value)) this.letLiveGo();
        else this.meet();
      }
    } catch {
      // The resumed stream's runtime codes its own interruptions: one that throws still ends it.
    } finally {
      if (!this.switched) {
        this.out.end();
        this.close(this.own);
        this.letLiveGo();
      }
    }
  }

  async readLive(startLive: () => Promise<Source>): Promise<void> {
    let source: Source;
    try {
      source = await startLive();
    } catch {
      return this.letLiveGo();
    }
    if (!isIterable(source)) return this.letLiveGo();
    const live = (this.live = source[Symbol.asyncIterator]());
    if (this.left || this.liveGone) return this.close(live);
    try {
      for (;;) {
        const step = await live.next();
        if (step.done || this.left || this.liveGone) break;
        if (!this.take(step.value)) break;
      }
    } catch {
      // As for the resumed stream: the live one's runtime codes its interruptions.
    } finally {
      if (this.switched) {
        this.out.end();
        this.close(live);
      } else this.letLiveGo();
    }
  }

  /** A live result: given (once switched, unless already given), or held until the streams meet. False: the live stream is done with. */
  private take(result: Result): boolean {
    const cursor = cursorOf(result, this.path);
    if (this.switched) {
      // An interruption is given on whatever it repeats; errors without data end the stream.
      if (!interrupts(result) && cursor !== undefined && this.last !== undefined && cursor <= this.last) return true;
      this.out.push(result);
      if (cursor !== undefined && (this.last === undefined || cursor > this.last)) this.last = cursor;
      return !endsStream(result);
    }
    if (cursor === undefined || endsStream(result) || interrupts(result) || this.waiting.length >= MAX_WAITING_LIVE) return false;
    this.waiting.push({ cursor, result });
    this.meet();
    return true;
  }
}
