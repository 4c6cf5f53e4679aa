import { describe, expect, it } from "vitest";
import { HttpMeetingLookup, meetingLookupFrom } from "./meetings.client.js";

describe("the cases subgraph's link to the meetings subgraph", () => {
  it("is required in production, optional (no check) elsewhere", () => {
    const secret = { IDENTITY_SECRET: "a-production-secret-of-some-length" };
    expect(() => meetingLookupFrom({ NODE_ENV: "production", ...secret })).toThrow(/MEETINGS_URL must be set in production/);
    expect(meetingLookupFrom({ NODE_ENV: "production", MEETINGS_URL: "http://meetings:4002/graphql", ...secret })).toBeInstanceOf(
      HttpMeetingLookup,
    );
    expect(meetingLookupFrom({ NODE_ENV: "test" })).toBeNull();
  });
});
