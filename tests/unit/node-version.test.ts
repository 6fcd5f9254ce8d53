import { describe, expect, it } from "vitest";
import { createRequire } from "node:module";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const require = createRequire(import.meta.url);
const { nodeVersionProblem } = require("../../scripts/check-node.cjs") as {
  nodeVersionProblem: (v: string) => string | null;
};

describe("the Node.js version check every npm script runs first", () => {
  it("names the version needed and how to get it, on one line, for too old a Node", () => {
    for (const v of ["20.19.2", "22.11.0", "18.0.0", "22.11.99"]) {
      const m = nodeVersionProblem(v);
      expect(m).toContain("22.12");
      expect(m).toContain(v);
      expect(m).toContain("nvm install");
      expect(m).not.toContain("\n");
    }
  });

  it("accepts 22.12 and newer", () => {
    for (const v of ["22.12.0", "22.13.1", "24.21.0", "26.0.0"])
      expect(nodeVersionProblem(v)).toBeNull();
  });

  it("this Node passes the script (exit 0, nothing printed)", () => {
    const r = spawnSync(process.execPath, ["scripts/check-node.cjs"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
  });

  // Debian's own node (20 on this machine image) stands in for a distribution's default Node
  const old = "/usr/bin/node";
  const oldVersion = existsSync(old)
    ? spawnSync(old, ["-p", "process.versions.node"], { encoding: "utf8" }).stdout.trim()
    : "";
  it.runIf(oldVersion !== "" && nodeVersionProblem(oldVersion) !== null)(
    `an old Node (${oldVersion || "none here"}) stops with exit 1 and the one-line message`,
    () => {
      const r = spawnSync(old, ["scripts/check-node.cjs"], { encoding: "utf8" });
      expect(r.status).toBe(1);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toContain("Node.js 22.12 or newer");
    },
  );
});
