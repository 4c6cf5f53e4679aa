import reference from "../../data/yamagata.json";

/** Organisations offered at development sign-in: the council's members, 市社協 and a few agencies. */
export const SIGN_IN_ORGANIZATIONS: { code: string; label: string }[] = [
  ...reference.marugotoCouncil.directors.map((d) => ({ code: d.code, label: d.label.replace(/長$/, "") })),
  ...reference.marugotoCouncil.sections.map((s) => ({ code: s.code, label: s.label })),
  ...reference.marugotoCouncil.otherMembers.map((m) => ({ code: m.code, label: m.label })),
  { code: "self-reliance-support-agency", label: "生活困窮者自立相談支援機関" },
  { code: "community-general-support-center-01", label: "地域包括支援センター 第1" },
];
