import type { BoardDirectoryQuery } from "./gql/graphql.js";

export type Body = BoardDirectoryQuery["meetingBodies"][number];

/**
 * The organisations and meeting bodies of the programme, by Japanese name. Users pick organisations
 * by their name (納税課); codes stay inside the board.
 */
export class Directory {
  private readonly nameOf = new Map<string, string>();
  private readonly codeOf = new Map<string, string>();

  constructor(
    readonly organizations: { code: string; name: string }[],
    readonly bodies: Body[],
  ) {
    for (const o of organizations) {
      this.nameOf.set(o.code, o.name);
      for (const key of [o.name, o.name.normalize("NFKC")]) if (!this.codeOf.has(key)) this.codeOf.set(key, o.code);
    }
  }

  /** The Japanese name of an organisation; its code only when the directory does not know it. */
  name(code: string | null | undefined): string {
    if (!code) return "";
    return this.nameOf.get(code) ?? code;
  }

  /** The code of an organisation typed or picked by name (surrounding spaces ignored); null when unknown. */
  code(name: string): string | null {
    const text = name.trim().normalize("NFKC");
    return this.codeOf.get(text) ?? this.codeOf.get(name.trim()) ?? null;
  }
}

export const EMPTY_DIRECTORY = new Directory([], []);

/** The message beside an organisation field whose name is not in the directory. */
export const unknownOrganization = (name: string) => `「${name.trim()}」は組織名簿にありません。候補から組織名を選んでください。`;

/** The one list of organisation names that every organisation field offers (a datalist). */
export const ORGANIZATION_LIST_ID = "organization-names";
