/**
 * @apollo/gateway with the same duties as ours, for `bench/gateways.ts` only (a dev dependency; never
 * part of the product): it verifies the caller's token with the same verifier, and signs the same
 * identity envelope for the exact body of every upstream request with the same code.
 *
 * Environment: PORT, DATA_DIR (the development key), IDENTITY_SECRET, <NAME>_URL for each subgraph.
 */
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { GraphQLError } from "graphql";
import { DEVELOPMENT_IDENTITY_SECRET, IDENTITY_HEADER, SIGNATURE_HEADER, signIdentity, type Identity } from "@marugoto/shared/core";
import { bearer, createTokenVerifier } from "../gateway/src/auth.js";
import { loadSupergraph } from "../gateway/src/server.js";

const env = process.env;
const secret = env.IDENTITY_SECRET ?? DEVELOPMENT_IDENTITY_SECRET;
const urls: Record<string, string> = {
  directory: env.DIRECTORY_URL!,
  meetings: env.MEETINGS_URL!,
  cases: env.CASES_URL!,
  hubs: env.HUBS_URL!,
};
const PENDING = "x-bench-pending-identity";

interface Context {
  identity: Identity;
}

/**
 * The identity is placed in `willSendRequest`; the signature is made in the fetcher, where the exact
 * body bytes exist (Apollo serialises the request after `willSendRequest`), as our gateway signs in
 * `onFetch`.
 */
class SignedDataSource extends RemoteGraphQLDataSource<Context> {
  /** `subgraph`: the name the subgraph at `url` boots with, which every signature names. */
  constructor(subgraph: string, url: string) {
    super({ url });
    const inner = this.fetcher;
    this.fetcher = (async (input: string, init: { headers: Record<string, string>; body: string }) => {
      const identity = init.headers[PENDING];
      if (identity) {
        const { [PENDING]: _pending, ...rest } = init.headers;
        const signed = signIdentity(JSON.parse(identity) as Identity, secret, { kind: "http", subgraph, body: init.body ?? "" });
        init = { ...init, headers: { ...rest, [IDENTITY_HEADER]: signed.identity, [SIGNATURE_HEADER]: signed.signature } };
      }
      return inner(input, init as never);
    }) as never;
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<Context>): void {
    if (context.identity) request.http!.headers.set(PENDING, JSON.stringify(context.identity));
  }
}

const verifier = await createTokenVerifier({
  production: false,
  orgClaim: "org",
  rolesClaim: "roles",
  clockToleranceSec: 5,
  dataDir: env.DATA_DIR!,
});
const gateway = new ApolloGateway({
  supergraphSdl: await loadSupergraph(),
  buildService: ({ name }) => new SignedDataSource(name, urls[name]!),
});
const server = new ApolloServer<Context>({ gateway, introspection: false });
const { url } = await startStandaloneServer(server, {
  listen: { port: Number(env.PORT), host: "127.0.0.1" },
  context: async ({ req }) => {
    const result = await verifier.verify(bearer(req.headers.authorization));
    if (!result.ok) throw new GraphQLError(result.message, { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } });
    return { identity: result.identity };
  },
});
console.log(`apollo gateway ready ${url}`);
process.on("SIGTERM", () => void server.stop().then(() => process.exit(0)));
