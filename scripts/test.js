// npm test — typecheck, lint, vitest (unit + integration on SQLite), the integration suite again on
// PostgreSQL when TEST_POSTGRES_URL is set, then the Playwright browser tests.
import { spawnSync } from "node:child_process";

const steps = [
  ["typecheck", ["node_modules/typescript/bin/tsc"]],
  ["lint (eslint)", ["node_modules/eslint/bin/eslint.js", "."]],
  ["lint (prettier)", ["node_modules/prettier/bin/prettier.cjs", "--check", "."]],
  ["vitest: unit + integration on SQLite", ["node_modules/vitest/vitest.mjs", "run"]],
  ["vitest: integration on PostgreSQL", ["scripts/test-pg.js"]],
  ["playwright: browser tests", ["node_modules/@playwright/test/cli.js", "test"]],
];

const only = process.argv.slice(2);
const failed = [];
for (const [name, args] of steps) {
  if (only.length && !only.some((o) => name.includes(o))) continue;
  console.log(`\n▶ ${name}`);
  const r = spawnSync(process.execPath, args, { stdio: "inherit", env: process.env });
  if (r.status !== 0) {
    failed.push(name);
    console.error(`✖ ${name} failed`);
  }
}
console.log(failed.length ? `\nFailed: ${failed.join(", ")}` : "\nAll test steps passed.");
process.exit(failed.length ? 1 : 0);
