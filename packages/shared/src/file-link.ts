import { Directive, Field, ObjectType } from "type-graphql";
import { UserError } from "./mutation.js";
import { FILES_PATH, signFileTicket, type FileDocument } from "./file-ticket.js";
import type { Identity } from "./identity.js";

/** A signed download link (署名付きダウンロードURL) for one file, for the caller alone. */
@ObjectType("FileLink", {
  description: "A signed download link (ダウンロード用URL): for the caller alone, for this one file, usable once, within minutes.",
})
@Directive("@shareable")
export class FileLink {
  @Field(() => String, {
    description: "Path on the gateway, e.g. `/files/…`; open it with a GET (no token needed: the link is the permission).",
  })
  url!: string;

  @Field(() => String, { description: "Suggested file name (ファイル名)." })
  fileName!: string;

  @Field(() => String, { description: "Media type, e.g. `application/pdf`." })
  contentType!: string;

  @Field(() => Date, { description: "When the link stops working (有効期限)." })
  expiresAt!: Date;
}

/** A download link, or why none was given. */
@ObjectType("FileLinkPayload", { description: "A download link, or why none was given." })
@Directive("@shareable")
export class FileLinkPayload {
  @Field(() => FileLink, { nullable: true, description: "The link; null when refused." })
  link!: FileLink | null;

  @Field(() => [UserError], { description: "Why it was refused; empty on success." })
  userErrors!: UserError[];
}

/** Issues a link for the caller to one document. The caller's right to it is checked before this. */
export function fileLink(identity: Identity, doc: FileDocument, secret: string, fileName: string, contentType: string): FileLinkPayload {
  if (!secret) throw new Error("download links need the identity secret");
  const { ticket, expiresAt } = signFileTicket(identity, doc, secret);
  return { link: { url: `${FILES_PATH}${ticket}`, fileName, contentType, expiresAt }, userErrors: [] };
}

export const refusedLink = (code: string, message: string, field?: string[]): FileLinkPayload => ({
  link: null,
  userErrors: [{ code, message, field: field ?? null }],
});
