import type { Client } from "graphql-ws";
import { useEffect, useState } from "preact/hooks";
import { follow, GraphError, request, type Session } from "./api.js";
import { readRoute, hrefOf, type Route } from "./board-route.js";
import { tokyoDayStartDaysBefore } from "./dates.js";
import { Directory, EMPTY_DIRECTORY } from "./directory.js";
import type { BoardMyOrganizationQuery, BoardSharedCasesQuery } from "./gql/graphql.js";
import type { ActionEvents } from "./meeting.js";
import * as ops from "./operations.js";

export type Org = NonNullable<BoardMyOrganizationQuery["me"]["organization"]>;
export type SharedCase = NonNullable<BoardSharedCasesQuery["me"]["organization"]>["sharedCases"]["nodes"][number];
export type MeetingSummary = Org["meetings"]["nodes"][number];
export type Task = Org["actionItems"]["nodes"][number];

/** The meeting list starts this many days back, at midnight (older meetings stay reachable by their address). */
const LIST_FROM_DAYS = 180;
const byStart = (a: MeetingSummary, b: MeetingSummary) => a.startsAt.localeCompare(b.startsAt) || a.id.localeCompare(b.id);
const OPEN_TASK = new Set(["OPEN", "IN_PROGRESS"]);

type Setter<T> = (value: T | ((current: T) => T)) => void;

/** What the board's loading needs: the caller, its live link, and where the answers go. */
interface LoadContext {
  session: Session;
  live: Client;
  actionEvents: ActionEvents;
  setRoute: (route: Route) => void;
  setOrg: Setter<Org | null>;
  setMeetings: Setter<MeetingSummary[]>;
  setTasks: Setter<Task[]>;
  setDir: Setter<Directory>;
  setCases: Setter<SharedCase[]>;
  setLoadError: Setter<string>;
  /** What stops the streams followed so far. */
  stops: (() => void)[];
  /** Set when the board is left: answers arriving later are dropped. */
  state: { cancelled: boolean };
}

/** Without a selection, the next meeting that is not closed (kept in the address). */
function selectFirstMeeting(org: Org, setRoute: (route: Route) => void) {
  if (!readRoute().meeting && !readRoute().schedule) {
    const first = org.meetings.nodes.find((m) => m.status !== "CLOSED");
    if (first) {
      history.replaceState(null, "", hrefOf({ meeting: first.id }));
      setRoute({ meeting: first.id, schedule: false });
    }
  }
}

function followMeetings(ctx: LoadContext, after: string) {
  return follow(ctx.live, ops.MeetingsChanged, { code: ctx.session.org, after }, ({ meetingsChanged: { meeting } }) => {
    // Every event of this stream carries its meeting (only a `CAUGHT_UP` mark, not asked for here, has none).
    if (meeting) ctx.setMeetings((list) => [...list.filter((m) => m.id !== meeting.id), { ...meeting, eventCursor: "" }].sort(byStart));
  });
}

/** The organisation's open tasks, kept live; every event also goes to the open meeting's listeners. */
function followTasks(ctx: LoadContext, after: string) {
  return follow(ctx.live, ops.ActionItemsChanged, { code: ctx.session.org, after }, ({ actionItemsChanged: e }) => {
    const a = e.actionItem;
    if (!a) return; // only a `CAUGHT_UP` mark (not asked for here) has none
    ctx.setTasks((list) => {
      const rest = list.filter((t) => t.id !== a.id);
      const mine = e.kind !== "ACTION_ITEM_REASSIGNED_AWAY" && a.assignee?.code === ctx.session.org && OPEN_TASK.has(a.status);
      if (!mine) return rest;
      const task: Task = {
        id: a.id,
        title: a.title,
        status: a.status,
        dueDate: a.dueDate,
        overdue: a.overdue,
        redacted: a.redacted,
        agendaItemId: a.agendaItemId,
        assignee: a.assignee,
        meeting: a.meeting,
      };
      const at = list.findIndex((t) => t.id === a.id);
      return at < 0 ? [...rest, task] : list.map((t) => (t.id === a.id ? task : t));
    });
    ctx.actionEvents.forEach((listener) => listener(e));
  });
}

/** Cases shared with the organisation, then kept live: a case newly shared appears, an unshared one goes. */
async function loadSharedCases(ctx: LoadContext) {
  const shared = await request(ctx.session, ops.SharedCases, {}).catch(() => null);
  const list = shared?.me.organization?.sharedCases;
  if (list && !ctx.state.cancelled) {
    ctx.setCases(list.nodes);
    ctx.stops.push(
      follow(ctx.live, ops.SharedCasesChanged, { after: list.eventCursor }, ({ sharedCasesChanged: e }) =>
        ctx.setCases((current) => {
          const rest = current.filter((c) => c.id !== e.caseId);
          return e.kind === "CASE_SHARED" && e.case ? [...rest, e.case] : rest;
        }),
      ),
    );
  }
}

async function loadBoard(ctx: LoadContext) {
  const { session } = ctx;
  try {
    const [mine, directory] = await Promise.all([
      request(session, ops.MyOrganization, { from: tokyoDayStartDaysBefore(LIST_FROM_DAYS) }),
      request(session, ops.Directory, {}),
    ]);
    if (ctx.state.cancelled) return;
    if (!mine.me.organization) throw new Error("所属組織が名簿にありません。");
    const data = { organization: mine.me.organization };
    ctx.setDir(new Directory(directory.organizations, directory.meetingBodies));
    ctx.setOrg(data.organization);
    ctx.setMeetings([...data.organization.meetings.nodes].sort(byStart));
    ctx.setTasks(data.organization.actionItems.nodes);
    selectFirstMeeting(data.organization, ctx.setRoute);
    // The organisation's cursor is read before its lists: following its streams from it misses nothing.
    const after = data.organization.eventCursor;
    ctx.stops.push(followMeetings(ctx, after), followTasks(ctx, after));
    await loadSharedCases(ctx);
  } catch (error) {
    ctx.setLoadError(
      error instanceof GraphError && error.code === "UNAUTHENTICATED"
        ? "サインインの有効期限が切れています。サインアウトして、もう一度サインインしてください。"
        : (error as Error).message,
    );
  }
}

export interface BoardData {
  org: Org | null;
  meetings: MeetingSummary[];
  tasks: Task[];
  setTasks: Setter<Task[]>;
  dir: Directory;
  cases: SharedCase[];
  loadError: string;
}

/** The board's data for one sign-in: loaded once, then kept live; the address followed back and forth. */
export function useBoardData(session: Session, live: Client, actionEvents: ActionEvents, setRoute: (route: Route) => void): BoardData {
  const [org, setOrg] = useState<Org | null>(null);
  const [meetings, setMeetings] = useState<MeetingSummary[]>([]);
  const [tasks, setTasks] = useState<Task[]>([]);
  const [dir, setDir] = useState<Directory>(EMPTY_DIRECTORY);
  const [cases, setCases] = useState<SharedCase[]>([]);
  const [loadError, setLoadError] = useState("");
  useEffect(() => {
    const onPop = () => setRoute(readRoute());
    addEventListener("popstate", onPop);
    const stops: (() => void)[] = [];
    const state = { cancelled: false };
    void loadBoard({ session, live, actionEvents, setRoute, setOrg, setMeetings, setTasks, setDir, setCases, setLoadError, stops, state });
    return () => {
      state.cancelled = true;
      removeEventListener("popstate", onPop);
      stops.forEach((stop) => stop());
      void live.dispose();
    };
  }, [session.token]);
  return { org, meetings, tasks, setTasks, dir, cases, loadError };
}
