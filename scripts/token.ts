/**
 * `npm run token -- --org <code> --role <role> [--role <role>] [--sub <user>] [--hours <n>]`
 * prints a development token signed with the local development key (never valid in production).
 */
import { parseArgs } from "node:util";
// Only the paths module: the package index loads the ORM, GraphQL and the servers (seconds), and
// minting a token needs nothing but the signing key.
import { dataDir } from "@marugoto/shared/paths";
import { loadOrCreateDevKeys, mintDevToken } from "../gateway/src/dev-keys.js";

if (process.env.NODE_ENV === "production") {
  console.error("npm run token is for development only: production tokens come from the OIDC provider.");
  process.exit(1);
}
const { values } = parseArgs({
  options: {
    org: { type: "string" },
    role: { type: "string", multiple: true },
    sub: { type: "string" },
    hours: { type: "string", default: "8" },
  },
});
if (!values.org) {
  console.error("usage: npm run token -- --org <organisation code> --role <role> [--role <role>] [--sub <user id>] [--hours 8]");
  console.error("example: npm run token -- --org seikatsu-fukushi --role staff");
  process.exit(2);
}
// The gateway refuses tokens living longer than JWT_MAX_LIFETIME_SEC (default 24 h).
const maxHours = Number(process.env.JWT_MAX_LIFETIME_SEC ?? 86_400) / 3600;
if (!(Number(values.hours) > 0 && Number(values.hours) <= maxHours)) {
  console.error(`--hours must be more than 0 and at most ${maxHours} (JWT_MAX_LIFETIME_SEC): the gateway refuses longer-lived tokens.`);
  process.exit(2);
}
const token = await mintDevToken(await loadOrCreateDevKeys(process.env.DATA_DIR ?? dataDir()), {
  sub: values.sub ?? `dev-${values.org}`,
  org: values.org,
  roles: values.role ?? ["staff"],
  expiresIn: Number(values.hours) * 3600,
});
process.stdout.write(`${token}\n`);
