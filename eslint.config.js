import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import { importX } from "eslint-plugin-import-x";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";

/**
 * The module boundaries of docs/architecture.md ("Who may import whom"), enforced here so that
 * nobody has to keep them by hand. `tests/unit/lint-boundaries.test.ts` proves each rule fails on a
 * deliberately bad fixture file. Type-only imports are allowed where the rule says "values".
 */

/** Platform modules: shared by every feature, so they must not know any feature. */
export const PLATFORM_MODULES = [
  "core",
  "i18n",
  "format",
  "forms",
  "storage",
  "mail",
  "audit",
  "ratelimit",
  "http",
];

const boundaries = {
  files: ["**/*.{ts,tsx,js}"],
  plugins: { "import-x": importX },
  settings: {
    "import-x/extensions": [".ts", ".tsx", ".js", ".jsx"],
    "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
    "import-x/resolver-next": [createTypeScriptImportResolver({ project: "./tsconfig.json" })],
  },
  rules: {
    // A cycle hides an ordering bug at start-up and makes a module impossible to read alone.
    // Type-only imports do not count (they vanish at run time).
    "import-x/no-cycle": "error",
    "import-x/no-restricted-paths": [
      "error",
      {
        zones: [
          {
            target: ["./app/modules", "./app/components", "./app/root.tsx", "./db", "./app/cli"],
            from: "./app/routes",
            message: "Routes are leaves: move what you need from the route into a module.",
          },
          ...PLATFORM_MODULES.map((m) => ({
            target: `./app/modules/${m}`,
            from: "./app/modules",
            except: PLATFORM_MODULES.map((p) => `./${p}`),
            message: `'${m}' is a platform module and must not know a feature: let the feature register itself at start-up (app/startup.server.ts).`,
          })),
        ],
      },
    ],
  },
};

/** Patterns for "the data layer" as a route or a module would name it. */
// (gitignore syntax: a leading "#" starts a comment, hence the backslash)
const DB_SPECIFIERS = [
  "\\#db/*",
  "**/db/connection",
  "**/db/schema",
  "**/db/tables/*",
  "**/db/migrations/*",
];

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "node_modules/**",
      "data/**",
      "test-results/**",
      "playwright-report/**",
      "tests/fixtures/lint/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/no-explicit-any": "off",
    },
  },
  boundaries,
  {
    // No SQL in routes: a route parses, guards, calls one command or query, replies.
    files: ["app/routes/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["kysely", "kysely/*"],
              allowTypeImports: true,
              message: "No SQL in routes: put the query in the module's queries.server.ts.",
            },
            {
              group: DB_SPECIFIERS,
              allowTypeImports: true,
              message:
                "No SQL in routes: the data layer is reached through a module's queries and commands.",
            },
          ],
        },
      ],
    },
  },
  {
    // The data layer (connection, row types, migrations) knows nothing of the domain.
    files: ["db/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["~/*", "**/app/*", "**/app/**"],
              allowTypeImports: true,
              message:
                "db/ must not import app code: demo data lives in app/modules/demo, scripts in app/cli (ADR 0008).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["**/*.js"],
    languageOptions: {
      globals: {
        process: "readonly",
        console: "readonly",
        URL: "readonly",
        setTimeout: "readonly",
        fetch: "readonly",
      },
    },
  },
);
