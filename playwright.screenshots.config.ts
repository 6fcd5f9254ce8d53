// `npm run screenshots`: the 360 × 740 screenshots of the main pages in docs/screenshots/ (issue
// 14), taken from a fresh demo by the same server the browser tests use. Not part of `test:e2e`.
import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

export default defineConfig({ ...base, testDir: "tests/screenshots", retries: 0 });
