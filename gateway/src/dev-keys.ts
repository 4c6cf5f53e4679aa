import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from "jose";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/** Issuer and audience of development tokens. Production tokens come from the city's OIDC provider. */
export const DEV_ISSUER = "urn:marugoto:development";
export const DEV_AUDIENCE = "marugoto-graph";
const ALG = "ES256";

interface StoredKeys {
  privateJwk: JWK;
  publicJwk: JWK;
}

/**
 * The development signing key: generated on first use and kept under the data folder, so tokens
 * minted by `npm run token` stay valid across restarts. Never used in production.
 */
export async function loadOrCreateDevKeys(dir: string): Promise<StoredKeys> {
  const file = path.join(dir, "dev-keys", "jwt-es256.json");
  try {
    return JSON.parse(await readFile(file, "utf8")) as StoredKeys;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
  const kid = `dev-${Date.now().toString(36)}`;
  const keys: StoredKeys = {
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: ALG },
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: ALG, use: "sig" },
  };
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  // Another process may have created it meanwhile: keep whichever landed first.
  try {
    await writeFile(file, JSON.stringify(keys, null, 2), { flag: "wx", mode: 0o600 });
    return keys;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return JSON.parse(await readFile(file, "utf8")) as StoredKeys;
  }
}

export interface DevTokenClaims {
  sub: string;
  org: string;
  roles: string[];
  /** Lifetime in seconds. */
  expiresIn?: number;
}

/** Mints a development token signed with the development key. */
export async function mintDevToken(keys: StoredKeys, claims: DevTokenClaims): Promise<string> {
  const key = await importJWK(keys.privateJwk, ALG);
  return new SignJWT({ org: claims.org, roles: claims.roles })
    .setProtectedHeader({ alg: ALG, kid: keys.privateJwk.kid, typ: "JWT" })
    .setSubject(claims.sub)
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${claims.expiresIn ?? 8 * 3600}s`)
    .sign(key);
}
