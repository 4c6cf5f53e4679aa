import { describe, expect, it } from "vitest";
import { describeSubscription } from "./subscription-groups.js";

describe("what a subscription request is, for grouping", () => {
  const Q = `subscription ($id: ID!, $after: String) { agendaChanged(meetingId: $id, after: $after) { cursor } }`;
  const D = `subscription ($id: ID!, $after: String = "ZToxMA") { agendaChanged(meetingId: $id, after: $after) { cursor } }`;

  it("resumes when `after` has a value: literal, variable, or a variable's default", () => {
    expect(describeSubscription({ query: Q, variables: { id: "m", after: "ZToxMA" } })?.resumes).toBe(true);
    expect(describeSubscription({ query: `subscription { agendaChanged(meetingId: "m", after: "ZToxMA") { cursor } }` })?.resumes).toBe(true);
    // An omitted variable with a default resumes from the default (the joiner must get the history).
    expect(describeSubscription({ query: D, variables: { id: "m" } })?.resumes).toBe(true);
  });

  it("does not resume without a value", () => {
    expect(describeSubscription({ query: Q, variables: { id: "m" } })?.resumes).toBe(false);
    expect(describeSubscription({ query: Q, variables: { id: "m", after: null } })?.resumes).toBe(false);
    expect(describeSubscription({ query: D, variables: { id: "m", after: null } })?.resumes).toBe(false);
  });

  it("is not a subscription for a query", () => {
    expect(describeSubscription({ query: `{ __typename }` })).toBeUndefined();
  });
});
