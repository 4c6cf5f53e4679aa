/**
 * Apollo Client against まるごとグラフ: queries and mutations over HTTP, subscriptions over
 * graphql-ws (GraphQLWsLink), the token on both, a subscription resumed from a cursor, and the
 * cache's type policies (connections paged with `fetchMore`, agendas replaced without a warning).
 * Runs unmodified in the test suite (tests/e2e/frontend-examples.e2e.ts).
 */
import { ApolloClient, ApolloLink, gql, HttpLink, InMemoryCache } from "@apollo/client";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { getMainDefinition, relayStylePagination } from "@apollo/client/utilities";
import { createClient } from "graphql-ws";

export interface Connection {
  /** e.g. http://127.0.0.1:4000/graphql */
  httpUrl: string;
  /** e.g. ws://127.0.0.1:4000/graphql */
  wsUrl: string;
  /** A bearer token (development: `npm run token -- --org <code> --role <role>`). */
  token: string;
}

/**
 * The cache for this graph. Connections are paged with `fetchMore` (`relayStylePagination`: pages
 * are appended to `edges`; the filters are the key arguments, so each filter keeps its own list —
 * read `edges { node }`, not `nodes`, from a paged field). Organisations are identified by their
 * `code` (every subgraph knows them by it), `me` is one object per token, and a list replaced as a
 * whole by its server answer (an agenda) says so, so that removing an item is no "data loss".
 */
export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          meetings: relayStylePagination(["from", "to", "bodyCode"]),
          auditLog: relayStylePagination(["from", "to", "flaggedOnly", "organizationCode", "caseId"]),
        },
      },
      Viewer: { keyFields: [] },
      Organization: {
        // Selected without `code` (e.g. a presenter's name only), an organisation stays inside its parent.
        keyFields: (object) => (typeof object.code === "string" ? `Organization:${object.code}` : false),
        fields: {
          sharedCases: relayStylePagination(["status", "ground"]),
          meetings: relayStylePagination(["from", "to"]),
          actionItems: relayStylePagination(["status"]),
        },
      },
      Roster: { keyFields: ["code"] },
      // `agendaChanged` events and agenda mutations carry the whole agenda: replace it.
      Meeting: {
        fields: {
          agenda: { merge: (_existing: unknown, incoming: unknown) => incoming },
          members: { merge: (_existing: unknown, incoming: unknown) => incoming },
        },
      },
      AgendaItem: {
        fields: {
          decisions: { merge: (_existing: unknown, incoming: unknown) => incoming },
          actionItems: { merge: (_existing: unknown, incoming: unknown) => incoming },
        },
      },
    },
  });
}

export function createApolloClient({ httpUrl, wsUrl, token }: Connection, cache: InMemoryCache = createCache()) {
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
  return new ApolloClient({ link, cache });
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
  const scheduled = (result.data as { scheduleMeeting: { meeting: { id: string } | null; userErrors: { code: string }[] } })
    .scheduleMeeting;
  if (scheduled.userErrors.length) throw new Error(`refused: ${scheduled.userErrors.map((e) => e.code).join(", ")}`);
  const received = await event;
  client.stop();
  return { organization: read.organization.name, scheduled: scheduled.meeting!.id, received };
}

export const MY_MEETINGS_PAGE = gql`
  query MyMeetingsPage($first: Int!, $after: String) {
    me {
      organization {
        code
        meetings(first: $first, after: $after) {
          edges { cursor node { id title } }
          pageInfo { hasNextPage endCursor }
        }
      }
    }
  }
`;

export const MEETING_AGENDA = gql`
  query MeetingAgenda($id: ID!) {
    meeting(id: $id) { id agenda { id title status } }
  }
`;

export const REMOVE_ITEM = gql`
  mutation RemoveItem($itemId: ID!) {
    removeAgendaItem(itemId: $itemId) {
      meeting { id agenda { id title status } }
      userErrors { field code message }
    }
  }
`;

type MeetingsPage = {
  me: {
    organization: {
      meetings: { edges: { node: { id: string; title: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    };
  };
};

/**
 * A chair pages through the organisation's meetings one at a time (`fetchMore`: the list grows), then
 * removes an agenda item (the mutation answers with the whole agenda, which replaces the cached one).
 * Returns the titles seen after each page and the agenda before and after the removal.
 */
export async function pageAndRemove(connection: Connection, meetingId: string, itemId: string, cache?: InMemoryCache) {
  const client = createApolloClient(connection, cache);
  const watched = client.watchQuery({ query: MY_MEETINGS_PAGE, variables: { first: 1 } });
  // Watched (subscribed) while paging: fetchMore writes into the cache, and the watch reads the merged list.
  let subscription: { unsubscribe(): void } | undefined;
  await new Promise<void>((resolve, reject) => {
    subscription = watched.subscribe({
      next: (result) => {
        if (result.data && !result.loading) resolve();
      },
      error: reject,
    });
  });
  // What a screen bound to the query shows: the cached list, every page fetched so far.
  const titles = () =>
    (client.readQuery({ query: MY_MEETINGS_PAGE, variables: { first: 1 } }) as MeetingsPage | null)?.me.organization.meetings.edges.map(
      (e) => e.node.title,
    ) ?? [];
  const pages = [titles()];
  const { endCursor } = (watched.getCurrentResult().data as MeetingsPage).me.organization.meetings.pageInfo;
  await watched.fetchMore({ variables: { after: endCursor } });
  pages.push(titles());
  subscription?.unsubscribe();

  const agenda = async () =>
    (
      (await client.query({ query: MEETING_AGENDA, variables: { id: meetingId }, fetchPolicy: "cache-first" })).data as {
        meeting: { agenda: { id: string }[] };
      }
    ).meeting.agenda.map((i) => i.id);
  const before = await agenda();
  const removed = await client.mutate({ mutation: REMOVE_ITEM, variables: { itemId } });
  const errors = (removed.data as { removeAgendaItem: { userErrors: { code: string }[] } }).removeAgendaItem.userErrors;
  if (errors.length) throw new Error(`refused: ${errors.map((e) => e.code).join(", ")}`);
  const after = await agenda();
  client.stop();
  return { pages, before, after };
}
