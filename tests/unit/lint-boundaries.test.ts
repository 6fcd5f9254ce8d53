// The module boundaries of docs/architecture.md are enforced by eslint.config.js: each rule must
// fail on a deliberately bad file (and stay quiet on a good one), or it protects nothing.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: process.cwd(), ignore: false });

/** Lints `code` as if it were the file at `filePath` (relative to the repository root). */
async function problems(code: string, filePath: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe("module boundaries (eslint.config.js)", () => {
  it("fails on an import cycle", async () => {
    const [result] = await eslint.lintFiles(["tests/fixtures/lint/cycle-a.ts"]);
    expect(result.messages.map((m) => m.ruleId)).toContain("import-x/no-cycle");
  });

  it("fails on kysely imported as a value in a route, allows a type import", async () => {
    const route = "app/routes/$lang.lint-fixture.tsx";
    expect(
      await problems(
        `import { sql } from "kysely";\nexport const loader = () => sql\`select 1\`;\n`,
        route,
      ),
    ).toEqual([
      expect.stringMatching(/^@typescript-eslint\/no-restricted-imports: .*No SQL in routes/),
    ]);
    expect(
      await problems(
        `import type { Kysely } from "kysely";\nexport type K = Kysely<object>;\n`,
        route,
      ),
    ).toEqual([]);
  });

  it("fails on the data layer (db/) imported as a value in a route", async () => {
    const found = await problems(
      `import { createDb } from "#db/connection";\nexport const loader = () => createDb();\n`,
      "app/routes/$lang.lint-fixture.tsx",
    );
    expect(found).toEqual([expect.stringMatching(/no-restricted-imports: .*No SQL in routes/)]);
  });

  it("fails on a module importing a route", async () => {
    const found = await problems(
      `import { loader } from "~/routes/healthz";\nexport const x = loader;\n`,
      "app/modules/hearings/lint-fixture.ts",
    );
    expect(found).toEqual([
      expect.stringMatching(/^import-x\/no-restricted-paths: .*Routes are leaves/),
    ]);
  });

  it("fails on db/ importing an app module value, allows a type import", async () => {
    const file = "db/lint-fixture.ts";
    expect(
      await problems(
        `import { nowIso } from "~/modules/core/clock.server";\nexport const x = nowIso;\n`,
        file,
      ),
    ).toEqual([expect.stringMatching(/no-restricted-imports: .*db\/ must not import app code/)]);
    expect(
      await problems(
        `import type { Lang } from "~/modules/format/format";\nexport type L = Lang;\n`,
        file,
      ),
    ).toEqual([]);
  });

  it("fails on a platform module importing a feature module, allows platform to platform", async () => {
    const file = "app/modules/core/lint-fixture.server.ts";
    expect(
      await problems(
        `import { startReachLoop } from "../reach/jobs.server";\nexport const x = startReachLoop;\n`,
        file,
      ),
    ).toEqual([expect.stringMatching(/no-restricted-paths: .*'core' is a platform module/)]);
    expect(
      await problems(
        `import { enqueueMail } from "../mail/outbox.server";\nexport const x = enqueueMail;\n`,
        file,
      ),
    ).toEqual([]);
    const i18n = await problems(
      `import { readCookie } from "~/modules/auth/session.server";\nexport const x = readCookie;\n`,
      "app/modules/i18n/lint-fixture.server.ts",
    );
    expect(i18n).toEqual([expect.stringMatching(/'i18n' is a platform module/)]);
  });

  it("lets a feature module use platform modules and other features", async () => {
    const found = await problems(
      `import { nowIso } from "../core/clock.server";\nimport { deriveState } from "../hearings/state";\nexport const x = [nowIso, deriveState];\n`,
      "app/modules/reach/lint-fixture.server.ts",
    );
    expect(found).toEqual([]);
  });
});
