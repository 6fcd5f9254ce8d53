import { describe, expect, it } from "vitest";
import { createDb } from "#db/connection";
import { setDbForTests } from "~/modules/core/db.server";
import { loader } from "~/routes/healthz";
import { createTestDb } from "../helpers/db";

describe("GET /healthz", () => {
  it("answers 200 when the database answers", async () => {
    const t = await createTestDb();
    const res = await loader();
    expect(res.status).toBe(200);
    await t.cleanup();
  });
  it("answers 503 when the database is unreachable", async () => {
    // a PostgreSQL pool pointed at a port nobody listens on
    const db = await createDb("postgres://nobody@127.0.0.1:1/none", { max: 1 });
    setDbForTests(db);
    const res = await loader();
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ database: "unreachable" });
    await db.destroy();
  });
});
