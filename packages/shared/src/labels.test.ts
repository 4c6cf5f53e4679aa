import { describe, expect, it } from "vitest";
import { ACTION_ITEM_STATUS_LABELS, CASE_STATUS_LABELS, labelOf, MEETING_MEMBER_ROLE_LABELS } from "./labels.js";

describe("enum labels", () => {
  it("words the lifecycle as the programme does", () => {
    expect(CASE_STATUS_LABELS.IN_SUPPORT).toBe("支援の実施");
    expect(CASE_STATUS_LABELS.COLLABORATION_ENDED).toBe("多機関協働の終結");
    expect(new Set(Object.values(CASE_STATUS_LABELS)).size).toBe(Object.keys(CASE_STATUS_LABELS).length);
  });

  it("shows a value no table knows as itself, never an inherited property", () => {
    expect(labelOf(ACTION_ITEM_STATUS_LABELS, "OPEN")).toBe("未着手");
    expect(labelOf(MEETING_MEMBER_ROLE_LABELS, "OBSERVER")).toBe("OBSERVER");
    expect(labelOf(MEETING_MEMBER_ROLE_LABELS, "toString")).toBe("toString");
  });
});
