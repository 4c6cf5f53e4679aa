/**
 * `npm run trusted-documents -- <out.json> <file.graphql>...` writes the manifest the gateway's
 * TRUSTED_DOCUMENTS_PATH reads: one entry per operation, keyed by the SHA-256 (hex) of its text.
 * Clients send `{ extensions: { persistedQuery: { version: 1, sha256Hash } } }` (or `documentId`).
 */
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { Kind, parse, print } from "graphql";

const [out, ...files] = process.argv.slice(2);
if (!out || !files.length) {
  console.error("usage: npm run trusted-documents -- <manifest.json> <operations.graphql>...");
  process.exit(2);
}
const manifest: Record<string, string> = {};
for (const file of files) {
  const document = parse(await readFile(file, "utf8"));
  const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  for (const operation of document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION)) {
    // Each operation with the fragments of its file, printed canonically: the client must send the same text.
    const text = [operation, ...fragments].map((d) => print(d)).join("\n\n");
    manifest[createHash("sha256").update(text).digest("hex")] = text;
  }
}
await writeFile(out, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`${Object.keys(manifest).length} operations → ${out}`);
