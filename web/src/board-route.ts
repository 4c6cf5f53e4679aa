/** What the address says is shown: one meeting (?meeting=<id>) or the scheduling form (?view=schedule). */
export interface Route {
  meeting: string | null;
  schedule: boolean;
}
export const readRoute = (): Route => {
  const q = new URLSearchParams(location.search);
  return { meeting: q.get("meeting"), schedule: q.get("view") === "schedule" };
};
export const hrefOf = (route: Partial<Route>) =>
  route.schedule ? "?view=schedule" : route.meeting ? `?meeting=${encodeURIComponent(route.meeting)}` : "./";
