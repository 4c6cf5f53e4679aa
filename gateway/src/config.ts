import { z } from "zod";
import { DEVELOPMENT_IDENTITY_SECRET, nodeEnvSchema, portSchema } from "@marugoto/shared";

const optionalUrl = z.string().url().optional();

/** Gateway settings, parsed once at boot. Every variable is in the README's configuration table. */
export const gatewayEnvSchema = z
  .object({
    NODE_ENV: nodeEnvSchema,
    HOST: z.string().default("127.0.0.1"),
    PORT: portSchema.default(4000),
    IDENTITY_SECRET: z.string().min(16).default(DEVELOPMENT_IDENTITY_SECRET),
    SUPERGRAPH_PATH: z.string().optional(),
    DIRECTORY_URL: z.string().url().default("http://127.0.0.1:4001/graphql"),
    MEETINGS_URL: z.string().url().default("http://127.0.0.1:4002/graphql"),
    CASES_URL: z.string().url().default("http://127.0.0.1:4003/graphql"),
    HUBS_URL: z.string().url().default("http://127.0.0.1:4004/graphql"),
    JWT_JWKS_URL: optionalUrl,
    JWT_ISSUER: z.string().optional(),
    JWT_AUDIENCE: z.string().optional(),
    JWT_ORG_CLAIM: z.string().default("org"),
    JWT_ROLES_CLAIM: z.string().default("roles"),
    JWT_CLOCK_TOLERANCE_SEC: z.coerce.number().int().min(0).max(300).default(30),
    DATA_DIR: z.string().optional(),
    MERGE_SUBSCRIPTIONS: z
      .enum(["true", "false"])
      .default("true")
      .transform((v) => v === "true"),
  })
  .refine((c) => c.NODE_ENV !== "production" || c.IDENTITY_SECRET !== DEVELOPMENT_IDENTITY_SECRET, {
    message: "IDENTITY_SECRET must be set in production",
    path: ["IDENTITY_SECRET"],
  })
  .refine((c) => c.NODE_ENV !== "production" || !!c.JWT_JWKS_URL, {
    message: "JWT_JWKS_URL must be set in production (the development key is never accepted there)",
    path: ["JWT_JWKS_URL"],
  });
export type GatewayEnv = z.infer<typeof gatewayEnvSchema>;
