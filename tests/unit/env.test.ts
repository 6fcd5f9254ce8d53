import { describe, expect, it } from "vitest";
import { EnvError, parseEnv as parse } from "~/modules/core/env.server";

const parseEnv = (e: Record<string, string>) => parse(e as NodeJS.ProcessEnv);

describe("environment validation", () => {
  it("accepts the defaults", () => {
    const e = parseEnv({ NODE_ENV: "development" });
    expect(e.PORT).toBe(3000);
    expect(e.publicUrl).toBe("http://localhost:3000");
  });
  it("names the bad variable", () => {
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(EnvError);
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
    expect(() => parseEnv({ SMTP_URL: "http://mail" })).toThrow(/SMTP_URL/);
  });
  it("requires the registry secret in production", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/REGISTRY_SECRET/);
    expect(
      parseEnv({ NODE_ENV: "production", REGISTRY_SECRET: "x".repeat(32) }).secureCookies,
    ).toBe(true);
  });
});
