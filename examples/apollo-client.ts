/**
 * Apollo Client against まるごとグラフ: queries and mutations over HTTP, subscriptions over
 * graphql-ws (GraphQLWsLink), the token on both, and a subscription resumed from a cursor.
 * Runs unmodified in the test suite (tests/e2e/frontend-examples.e2e.ts).
 */
import { ApolloClient, ApolloLink, gql, HttpLink, InMemoryCache } from "@apollo/client";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { getMainDefinition } from "@apollo/client/utilities";
import { createClient } from "graphql-ws";

export interface Connection {
  /** e.g. http://127.0.0.1:4000/graphql */
  httpUrl: string;
  /** e.g. ws://127.0.0.1:4000/graphql */
  wsUrl: string;
  /** A bearer token (development: `npm run token -- --org <code> --role <role>`). */
  token: string;
}

export function createApolloClient({ httpUrl, wsUrl, token }: Connection) {
  const http = new HttpLink({ uri: httpUrl, headers: { authorization: `Bearer ${token}` } });
  // The token travels in connection_init; the socket is closed when it expires (reconnect with a fresh one).
  const ws = new GraphQLWsLink(createClient({ url: wsUrl, connectionParams: { authorization: `Bearer ${token}` } }));
  const link = ApolloLink.split(
    ({ query }) => {
      const definition = getMainDefinition(query);
      return definition.kind === "OperationDefinition" && definition.operation === "subscription";
    },
    ws,
    http,
  );
  return new ApolloClient({ link, cache: new InMemoryCache() });
}

export const MY_MEETINGS = gql`
  query MyMeetings($code: String!) {
    organization(code: $code) {
      name
      meetings(first: 5) {
        nodes { id title startsAt eventCursor }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`;

export const SCHEDULE = gql`
  mutation Schedule($input: ScheduleMeetingInput!) {
    scheduleMeeting(input: $input) {
      meeting { id title }
      userErrors { field code message }
    }
  }
`;

export const MEETINGS_CHANGED = gql`
  subscription MeetingsChanged($code: String!, $after: String) {
    meetingsChanged(organizationCode: $code, after: $after) {
      cursor
      kind
      meeting { id title startsAt }
    }
  }
`;

/** A chair's round trip: read, subscribe from the read's cursor, schedule, see the event arrive. */
export async function chairRoundTrip(connection: Connection, organizationCode: string) {
  const client = createApolloClient(connection);
  const { data } = await client.query({ query: MY_MEETINGS, variables: { code: organizationCode } });
  const read = data as { organization: { name: string; meetings: { nodes: { eventCursor: string }[] } } };
  const after = read.organization.meetings.nodes[0]?.eventCursor ?? null;

  const event = new Promise<{ kind: string; meeting: { id: string } }>((resolve, reject) => {
    const subscription = client.subscribe({ query: MEETINGS_CHANGED, variables: { code: organizationCode, after } }).subscribe({
      next: ({ data }) => {
        subscription.unsubscribe();
        resolve((data as { meetingsChanged: { kind: string; meeting: { id: string } } }).meetingsChanged);
      },
      error: reject,
    });
  });

  const result = await client.mutate({
    mutation: SCHEDULE,
    variables: { input: { bodyCode: "marugoto-council", title: "福祉まるごと会議（臨時）", startsAt: "2031-06-01T05:00:00Z" } },
  });
  const scheduled = (result.data as { scheduleMeeting: { meeting: { id: string } | null; userErrors: { code: string }[] } }).scheduleMeeting;
  if (scheduled.userErrors.length) throw new Error(`refused: ${scheduled.userErrors.map((e) => e.code).join(", ")}`);
  const received = await event;
  client.stop();
  return { organization: read.organization.name, scheduled: scheduled.meeting!.id, received };
}
