/**
 * urql (@urql/core) against まるごとグラフ: fetchExchange for queries and mutations,
 * subscriptionExchange over graphql-ws, a rule violation read from `userErrors`.
 * Runs unmodified in the test suite (tests/e2e/frontend-examples.e2e.ts).
 */
import { Client, fetchExchange, gql, subscriptionExchange } from "@urql/core";
import { createClient as createWsClient } from "graphql-ws";

export interface Connection {
  httpUrl: string;
  wsUrl: string;
  token: string;
}

export function createUrqlClient({ httpUrl, wsUrl, token }: Connection) {
  const ws = createWsClient({ url: wsUrl, connectionParams: { authorization: `Bearer ${token}` } });
  return new Client({
    url: httpUrl,
    // urql sends queries as GET when they fit in the URL: such requests must carry a
    // preflight header, or the gateway's CSRF protection refuses them.
    fetchOptions: () => ({ headers: { authorization: `Bearer ${token}`, "x-graphql-csrf": "1" } }),
    exchanges: [
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? "" };
          return { subscribe: (sink) => ({ unsubscribe: ws.subscribe(input, sink) }) };
        },
      }),
    ],
  });
}

const AGENDA = gql`
  query Agenda($id: ID!) {
    meeting(id: $id) { title status canEdit eventCursor agenda { id title status } }
  }
`;

const ADD_ITEM = gql`
  mutation AddItem($input: AddAgendaItemInput!) {
    addAgendaItem(input: $input) {
      item { id title }
      userErrors { field code message }
    }
  }
`;

const AGENDA_CHANGED = gql`
  subscription AgendaChanged($id: ID!, $after: String) {
    agendaChanged(meetingId: $id, after: $after) { cursor kind agenda { title status presenter { name } } }
  }
`;

/** A chair's live agenda: subscribe from the read's cursor, add an item, watch it arrive; a refused add. */
export async function liveAgenda(connection: Connection, meetingId: string) {
  const client = createUrqlClient(connection);
  const read = await client.query(AGENDA, { id: meetingId }).toPromise();
  if (read.error) throw read.error;
  const meeting = read.data.meeting as { title: string; canEdit: boolean; eventCursor: string };

  const arrived = new Promise<{ kind: string; agenda: { title: string }[] }>((resolve) => {
    const { unsubscribe } = client.subscription(AGENDA_CHANGED, { id: meetingId, after: meeting.eventCursor }).subscribe((result) => {
      if (!result.data) return;
      unsubscribe();
      resolve(result.data.agendaChanged);
    });
  });

  const added = await client
    .mutation(ADD_ITEM, { input: { meetingId, kind: "REPORT", title: "各課からの報告", presenterCode: "nozei" } })
    .toPromise();
  // A rule violation is data, not an error: read `userErrors` (here: a case item on 福祉まるごと会議).
  const refused = await client
    .mutation(ADD_ITEM, { input: { meetingId, kind: "CASE", title: "ケース", caseId: "01900000-0000-7000-8000-00000000c002" } })
    .toPromise();
  const event = await arrived;
  return {
    canEdit: meeting.canEdit,
    added: added.data.addAgendaItem.item.title as string,
    event,
    refusal: refused.data.addAgendaItem.userErrors[0] as { code: string; message: string },
  };
}
