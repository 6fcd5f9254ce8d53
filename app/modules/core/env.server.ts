import { z } from "zod";

/**
 * The environment, validated once at start. A bad value stops start-up with a message naming the
 * variable (server.js prints it and exits with code 1). README's configuration table lists these.
 */
const bool = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .optional()
    .refine((v) => !v || /^postgres(ql)?:\/\//.test(v) || !/^[a-z][a-z0-9+.-]*:\/\//i.test(v), {
      message: "must be postgres://… or a SQLite file path",
    }),
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  REGISTRY_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  SECURE_COOKIES: bool,
  TRUST_PROXY: bool,
  UPLOAD_DIR: z.string().min(1).default("data/uploads"),
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  // the largest form body without files (bytes); a larger one is refused with 413 while it streams
  FORM_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must be smtp://… or smtps://…")
    .optional()
    .or(z.literal("")),
  MAIL_FROM: z.string().default("Jyiyn <no-reply@jyiyn.kg>"),
  /** "off": this instance runs no background job loops (tests; instances that only serve pages). */
  JOBS: z.enum(["on", "off"]).default("on"),
});

export type Env = z.infer<typeof schema> & {
  publicUrl: string;
  registrySecret: string;
  secureCookies: boolean;
};

export class EnvError extends Error {}

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const res = schema.safeParse(source);
  if (!res.success) {
    const lines = res.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
  }
  const e = res.data;
  if (e.NODE_ENV === "production" && !e.REGISTRY_SECRET && !source.DEMO) {
    throw new EnvError(
      "Invalid environment:\n  REGISTRY_SECRET: required in production (the key for resident-list hashes)",
    );
  }
  return {
    ...e,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    registrySecret: e.REGISTRY_SECRET ?? "jyiyn-development-registry-secret",
    secureCookies: source.SECURE_COOKIES
      ? e.SECURE_COOKIES
      : e.NODE_ENV === "production" && !source.DEMO,
  };
}

let current: Env | undefined;
export function env(): Env {
  if (!current) current = parseEnv();
  return current;
}
/** Tests only: replace the environment. */
export function setEnvForTests(overrides: Partial<NodeJS.ProcessEnv>): Env {
  current = parseEnv({ ...process.env, ...overrides });
  return current;
}
