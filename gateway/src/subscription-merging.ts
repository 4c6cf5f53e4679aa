import type { getGraphQLWSOptions } from "@graphql-hive/gateway-runtime";
import { getOperationAST, GraphQLError, parse, type DocumentNode, type ExecutionResult, type GraphQLSchema } from "graphql";
import type { Extra } from "graphql-ws/use/ws";
import { bearer, type TokenVerifier } from "./auth.js";
import type { GatewayIdentityContext } from "./gateway-options.js";
import { authorizationOf } from "./identity.js";
import { codeInterruptions, isIterable } from "./interruptions.js";
import { documentIdsOf, documentMismatch } from "./security.js";
import { personalFields, reachesPersonalData, sharingScope } from "./sharing-scope.js";
import { converged, convergencePlan } from "./subscription-convergence.js";
import { servedByOrganisations, type SubscriptionGroups, type SubscriptionRequest } from "./subscription-groups.js";
import { FanOutGroups } from "./personal-fanout.js";
import { variableErrors } from "./variable-errors.js";

/** The runtime's graphql-ws options, as the gateway asks for them. */
export type WsOptions = ReturnType<typeof getGraphQLWSOptions<GatewayIdentityContext, Extra>>;
export type Subscribe = NonNullable<WsOptions["subscribe"]>;
type Source = AsyncIterable<ExecutionResult> | ExecutionResult;

/** A subscription request as clients send it: a document, or (production) a registered document's id. */
type PersistedRequest = Omit<SubscriptionRequest, "query"> & {
  query?: string;
  documentId?: string;
  extensions?: { persistedQuery?: { sha256Hash?: string } };
};

export interface MergingSettings {
  verifier: TokenVerifier;
  supergraph: string;
  schema: GraphQLSchema;
  groups: SubscriptionGroups;
  trusted?: Map<string, string>;
  /** The runtime's token limit (`SecuritySettings.maxTokens`): the gateway's own parse stops there too. */
  maxTokens: number;
  /** Off only to measure the difference. */
  merge: boolean;
  /** Personal live subscriptions run once per organisation, roles and people answered alike (`personal-fanout.ts`); absent: once per person. */
  fanOut?: FanOutGroups;
}

function documentNotFound(): GraphQLError {
  return new GraphQLError("登録されていない操作です。", { extensions: { code: "PERSISTED_DOCUMENT_NOT_FOUND" } });
}

function documentRequired(): GraphQLError {
  return new GraphQLError("登録済みの操作だけを実行できます。", { extensions: { code: "PERSISTED_DOCUMENT_REQUIRED" } });
}

function mutationOverHttpOnly(): GraphQLError {
  return new GraphQLError("変更（mutation）はHTTPのPOSTで送ってください。graphql-wsでは購読と照会を受け付けます。", {
    extensions: { code: "MUTATION_OVER_HTTP_ONLY" },
  });
}

/**
 * The request's document, parsed once for grouping and for the mutation check; none when it does not
 * parse. The parse stops at the runtime's token limit: a longer document costs no more than that to
 * reject here, and the runtime (which stops at the same limit) refuses it with its code.
 */
function parsedOrNone(query: string, maxTokens: number): DocumentNode | undefined {
  try {
    return parse(query, { maxTokens });
  } catch {
    return undefined; // the runtime reports the syntax error or the token limit
  }
}

/**
 * The document that runs: in production clients send a registered document's id, and the key must
 * be that registered text. Two ids that disagree, or a text beside an id that is not that id's
 * document, are refused rather than grouped under one and run as the other. With a manifest, a text
 * without an id, or beside an id it does not hold, is refused here, before it is parsed or could join
 * a running group.
 */
function documentOf(
  params: PersistedRequest,
  trusted: Map<string, string> | undefined,
): { query?: string } | { mismatch: true } | { required: true } | { notFound: true } {
  const ids = documentIdsOf(params);
  if (ids.size > 1) return { mismatch: true };
  const id = [...ids][0];
  if (trusted && !id) return { required: true };
  const registered = id && trusted ? trusted.get(id) : undefined;
  // An id the manifest does not hold runs nothing: its text beside it is never parsed.
  if (trusted && !registered) return { notFound: true };
  if (registered && params.query && params.query !== registered) return { mismatch: true };
  return { query: registered ?? params.query };
}

/** Identical subscriptions of one authorisation scope share one upstream subscription. */
export function mergingSubscribe(runtimeSubscribe: Subscribe, settings: MergingSettings): Subscribe {
  const { groups, schema } = settings;
  const personal = personalFields(settings.supergraph);
  // A subgraph that goes away ends its streams with a coded, retryable error.
  const upstream: Subscribe = async (args) => codeInterruptions((await runtimeSubscribe(args)) as never) as never;
  return async (args) => {
    const context = args.contextValue as { params: PersistedRequest; connectionParams?: unknown };
    // The request as the client sent it: running it puts the registered text in the context's `params`.
    const sent = { ...context.params };
    const auth = await settings.verifier.verify(bearer(authorizationOf({ connectionParams: context.connectionParams })));
    const document = documentOf(context.params, settings.trusted);
    if ("mismatch" in document) return { errors: [documentMismatch()] };
    if ("required" in document) return { errors: [documentRequired()] };
    if ("notFound" in document) return { errors: [documentNotFound()] };
    const { query } = document;
    const parsed = auth.ok && query ? parsedOrNone(query, settings.maxTokens) : undefined;
    // A mutation sent over the socket: the runtime refused it as a GET, in English, with an HTTP status for a socket.
    if (parsed && getOperationAST(parsed, context.params.operationName)?.operation === "mutation")
      return { errors: [mutationOverHttpOnly()] };
    // Variables that do not fit the operation, or that it does not declare, are refused before the
    // subscription is keyed, grouped or kept with them (the runtime would refuse them only after).
    const badVariables = parsed
      ? variableErrors({ schema, document: parsed, operationName: context.params.operationName, variableValues: context.params.variables })
      : undefined;
    if (badVariables) return { errors: badVariables };
    let personalSelection = true;
    let fansOut = false;
    const grouping =
      auth.ok && query && parsed
        ? groups.keyOf(
            { ...context.params, query },
            (doc) => {
              personalSelection = reachesPersonalData(schema, doc, personal);
              fansOut = personalSelection && servedByOrganisations(doc, context.params.operationName, personal);
              return sharingScope(auth.identity, personalSelection);
            },
            parsed,
          )
        : undefined;
    if (!grouping || !settings.merge || !auth.ok) return upstream(args);
    const { identity } = auth;
    const params = { ...context.params, query: query! };
    // A live personal stream whose events an organisation's subgraph gives: one run per event for the
    // people of one organisation and roles answered alike, each person's case calls made as them.
    const fanOut = fansOut && !grouping.state ? settings.fanOut : undefined;
    /** The request run live, with everyone of its scope (`key`: its merged group's, found only when it is one). */
    const live = (args: Parameters<Subscribe>[0], params: SubscriptionRequest, key: () => string): Promise<Source> =>
      fanOut
        ? (fanOut.subscribe(FanOutGroups.keyOf(params, sharingScope(identity, false)), identity, args as never, upstream as never) as never)
        : (groups.subscribe(key(), false, () => upstream(args) as never, grouping.state) as never);
    if (!grouping.resumes) return live(args, params, () => grouping.key) as never;
    // A resumed stream's history holds decisions made on personal grounds when it was delivered, and
    // each delivery of case data is a read to audit: a personal resumed stream's replay is never shared.
    const resumed = (await (personalSelection
      ? upstream(args)
      : groups.subscribe(grouping.key, true, () => upstream(args) as never, grouping.state))) as Source;
    // Once its replay reaches the live events, it moves onto the live stream of its scope (for a personal
    // one, as its own person's member of the organisation's run: its case calls still made as them).
    const plan =
      grouping.state || (personalSelection && !fanOut) ? undefined : convergencePlan(parsed!, params.operationName, params.variables ?? {});
    if (!plan || !isIterable(resumed)) return resumed as never;
    // The live request: `after` null; keyed without it, as a live subscriber that leaves it out is.
    const { [plan.afterVariable]: _after, ...keyVariables } = params.variables ?? {};
    const liveParams = { ...params, variables: keyVariables };
    // The runtime runs what the context's `params` say (the document or its id, and the variables).
    const liveArgs = {
      ...args,
      contextValue: { ...context, params: { ...sent, variables: { ...keyVariables, [plan.afterVariable]: null } } },
    };
    const liveKey = () => groups.keyOf(liveParams, () => sharingScope(identity, personalSelection), parsed)!.key;
    return converged(resumed, () => live(liveArgs, liveParams, liveKey), plan.cursorPath) as never;
  };
}
