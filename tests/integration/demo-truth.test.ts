// The demo data tells the truth (issue 11, item 10): every seeded comment sits on the tariff line or
// plan section it talks about, and every amount, percentage and year in a comment or an official's
// answer agrees with the proposal it is attached to.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setClock } from "~/modules/core/clock.server";
import { seedDemo } from "~/modules/demo";
import { createTestDb, type TestDb } from "../helpers/db";

let t: TestDb;
const NOW = new Date("2026-05-10T06:00:00Z");
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestDb();
  setClock(NOW);
  await seedDemo(t.db, NOW, "test-registry-secret-0123456789");
  for (const r of await t.db.selectFrom("hearings").select(["id", "short_code"]).execute())
    ids[r.short_code] = r.id;
});
afterAll(async () => {
  setClock(null);
  await t.cleanup();
});

const comments = (hearingId: number) =>
  t.db
    .selectFrom("comments")
    .select(["id", "body", "answer_text", "tariff_line_id", "plan_section_id"])
    .where("hearing_id", "=", hearingId)
    .where("hidden_at", "is", null)
    .execute();

/** "1 500 сом", "35 сомго" → [1500, 35] (spaces and no-break spaces as thousands separators). */
const amounts = (text: string) =>
  [...text.matchAll(/(\d{1,3}(?:[ \u00a0]\d{3})+|\d+)\s*сом/g)].map((m) =>
    Number(m[1].replace(/[ \u00a0]/g, "")),
  );
const percents = (text: string) => [...text.matchAll(/(\d+)\s*%/g)].map((m) => Number(m[1]));
const years = (text: string) => [...text.matchAll(/\b(20\d\d)\b/g)].map((m) => Number(m[1]));

describe("demo data tells the truth", () => {
  it("tariff comments and answers quote only the prices and changes of their line", async () => {
    const lines = await t.db
      .selectFrom("tariff_lines")
      .select(["id", "current_price", "proposed_price"])
      .where("hearing_id", "=", ids.taza26)
      .execute();
    const prices = (l: (typeof lines)[number]) => [
      Number(l.current_price) / 100,
      Number(l.proposed_price) / 100,
    ];
    const change = (l: (typeof lines)[number]) =>
      Math.round((Number(l.proposed_price) / Number(l.current_price) - 1) * 100);
    const all = await comments(ids.taza26);
    expect(all.length).toBeGreaterThan(30);
    let quoted = 0;
    for (const c of all) {
      const text = `${c.body}\n${c.answer_text ?? ""}`;
      const line = lines.find((l) => l.id === c.tariff_line_id);
      for (const a of amounts(text)) {
        quoted += 1;
        expect(line, `«${c.body}» quotes ${a} сом but names no line`).toBeTruthy();
        expect(prices(line!), `«${text}»`).toContain(a);
      }
      for (const p of percents(text)) {
        quoted += 1;
        expect(line, `«${c.body}» quotes ${p} % but names no line`).toBeTruthy();
        expect(p, `«${text}»`).toBe(change(line!));
      }
    }
    expect(quoted).toBeGreaterThanOrEqual(5);
  });

  it("plan comments sit under the section they talk about, with its projects' years", async () => {
    const sections = await t.db
      .selectFrom("plan_sections")
      .select(["id", "position"])
      .where("hearing_id", "=", ids.psr2630)
      .execute();
    const projects = await t.db
      .selectFrom("plan_projects")
      .select(["section_id", "year_from", "year_to", "budget", "funding_source"])
      .where(
        "section_id",
        "in",
        sections.map((s) => s.id),
      )
      .execute();
    const position = (sectionId: number | null) =>
      sections.find((s) => s.id === sectionId)?.position ?? null;
    // words → the section (by position: 1 water, 2 roads, 3 schools, 4 waste, 5 sport)
    const topics: [RegExp, number][] = [
      [/чатыр|кровл|мектеп|школ|бакча|детск/i, 3],
      [/суу түтүг|водопровод|резервуар/i, 1],
      [/көпүрө|мост|асфальт|көчө|жол|дорог/i, 2],
    ];
    const total = projects.reduce((n, p) => n + Number(p.budget), 0);
    const shares = new Set(
      ["local", "republican", "donor", "community"].map((f) =>
        Math.round(
          (projects
            .filter((p) => p.funding_source === f)
            .reduce((n, p) => n + Number(p.budget), 0) *
            100) /
            total,
        ),
      ),
    );
    const all = await comments(ids.psr2630);
    expect(all.length).toBeGreaterThanOrEqual(8);
    let targeted = 0;
    for (const c of all) {
      const topic = topics.find(([re]) => re.test(c.body));
      if (topic) {
        targeted += 1;
        expect(position(c.plan_section_id), `«${c.body}»`).toBe(topic[1]);
      }
      if (c.plan_section_id !== null) {
        const own = projects.filter((p) => p.section_id === c.plan_section_id);
        for (const y of years(c.answer_text ?? ""))
          expect(
            own.some((p) => Number(p.year_from) <= y && y <= Number(p.year_to)),
            `${y} in «${c.answer_text}» is in no project of the section`,
          ).toBe(true);
      }
      for (const p of percents(c.answer_text ?? ""))
        expect(shares, `${p} % in «${c.answer_text}»`).toContain(p);
    }
    expect(targeted).toBeGreaterThanOrEqual(5);
  });
});
