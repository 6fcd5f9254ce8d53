import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "#db/connection";

// `npm run admin:create` for scripts: the password from ADMIN_PASSWORD (always on a SQLite file).
const dir = mkdtempSync(join(tmpdir(), "jyiyn-admin-"));
const file = join(dir, "admin.sqlite");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(env: Record<string, string>) {
  return spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "app/cli/admin-create.ts"], {
    env: { ...process.env, DATABASE_URL: file, LOG_LEVEL: "silent", ...env },
    encoding: "utf8",
  });
}

describe("admin:create", () => {
  it("refuses a common password, then creates the administrator with an argon2id hash", async () => {
    const weak = run({ ADMIN_EMAIL: "boss@jyiyn.kg", ADMIN_PASSWORD: "qwertyuiop" });
    expect(weak.status).toBe(1);
    expect(weak.stderr).toMatch(/too common/);
    const ok = run({
      ADMIN_EMAIL: "Boss@Jyiyn.kg",
      ADMIN_PASSWORD: "a-long-admin-password-1",
      ADMIN_NAME: "Башкы",
    });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/boss@jyiyn\.kg is ready/);
    const db = await createDb(file);
    try {
      const u = await db.selectFrom("users").selectAll().executeTakeFirstOrThrow();
      expect(u).toMatchObject({ email: "boss@jyiyn.kg", is_admin: 1, display_name: "Башкы" });
      expect(u.password_hash).toMatch(/^\$argon2id\$/);
    } finally {
      await db.destroy();
    }
    // running it again for the same address keeps one account
    expect(
      run({ ADMIN_EMAIL: "boss@jyiyn.kg", ADMIN_PASSWORD: "another-admin-password-2" }).status,
    ).toBe(0);
    const db2 = await createDb(file);
    try {
      expect(await db2.selectFrom("users").select("id").execute()).toHaveLength(1);
    } finally {
      await db2.destroy();
    }
  }, 60_000);
});
