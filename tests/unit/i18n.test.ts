import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { langFromAcceptLanguage, switchLangPath } from "~/modules/i18n/config";
import { createI18n } from "~/modules/i18n/instance";
import { loadResources } from "~/modules/i18n/resources.server";

const PLURAL = /_(zero|one|two|few|many|other)$/;
function flatKeys(obj: unknown, prefix = ""): string[] {
  return Object.entries(obj as Record<string, unknown>).flatMap(([k, v]) =>
    v && typeof v === "object" ? flatKeys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}
function keysOf(lang: string) {
  const dir = join("locales", lang);
  const out = new Set<string>();
  for (const f of readdirSync(dir).filter((x) => x.endsWith(".json"))) {
    for (const k of flatKeys(JSON.parse(readFileSync(join(dir, f), "utf8"))))
      out.add(`${f}:${k.replace(PLURAL, "")}`);
  }
  return out;
}

describe("locales", () => {
  it("ky and ru have exactly the same keys (plural forms aside)", () => {
    const ky = keysOf("ky");
    const ru = keysOf("ru");
    expect(
      [...ky].filter((k) => !ru.has(k)),
      "keys missing in ru",
    ).toEqual([]);
    expect(
      [...ru].filter((k) => !ky.has(k)),
      "keys missing in ky",
    ).toEqual([]);
    expect(readdirSync("locales/ky").sort()).toEqual(readdirSync("locales/ru").sort());
  });
  it("every plural key has the forms its language needs (ky: one/other; ru: one/few/many/other)", () => {
    const need = { ky: ["one", "other"], ru: ["one", "few", "many", "other"] } as const;
    for (const lang of ["ky", "ru"] as const) {
      const dir = join("locales", lang);
      for (const f of readdirSync(dir)) {
        const keys = flatKeys(JSON.parse(readFileSync(join(dir, f), "utf8")));
        const bases = new Set(keys.filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, "")));
        for (const b of bases)
          for (const form of need[lang])
            expect(keys, `${lang}/${f} ${b}`).toContain(`${b}_${form}`);
      }
    }
  });
  it("no value is empty", () => {
    for (const lang of ["ky", "ru"] as const) {
      const all = loadResources()[lang];
      const walk = (o: unknown, p: string): void => {
        for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
          if (v && typeof v === "object") walk(v, `${p}${k}.`);
          else expect(String(v).trim(), `${lang}:${p}${k}`).not.toBe("");
        }
      };
      walk(all, "");
    }
  });
  it("plurals go through i18next with each language's rules", () => {
    const ru = createI18n("ru", loadResources().ru);
    expect(ru.t("places:home.total", { count: 1 })).toContain("1 муниципалитет.");
    expect(ru.t("places:home.total", { count: 3 })).toContain("3 муниципалитета.");
    expect(ru.t("places:home.total", { count: 5 })).toContain("5 муниципалитетов.");
    const ky = createI18n("ky", loadResources().ky);
    expect(ky.t("places:home.total", { count: 5 })).toContain("5 муниципалитет");
  });
});

describe("language negotiation", () => {
  it("reads Accept-Language with q-values", () => {
    expect(langFromAcceptLanguage("ru-RU,ru;q=0.9,en;q=0.8")).toBe("ru");
    expect(langFromAcceptLanguage("en;q=0.9, ky;q=0.8, ru;q=0.5")).toBe("ky");
    expect(langFromAcceptLanguage("ru;q=0.3, ky-KG;q=0.7")).toBe("ky");
    expect(langFromAcceptLanguage("en-US,de")).toBeNull();
    expect(langFromAcceptLanguage(null)).toBeNull();
  });
  it("switches the language and keeps the path and query", () => {
    expect(switchLangPath("/ky/m/sary-oi", "?q=1", "ru")).toBe("/ru/m/sary-oi?q=1");
    expect(switchLangPath("/ru", "", "ky")).toBe("/ky");
  });
});

describe("texts kept by the t of getFixedT (app/modules/i18n/instance.ts)", () => {
  it("gives what i18next gives: plain keys, plurals, interpolation, another namespace", () => {
    const ru = createI18n("ru", loadResources().ru);
    // as react-i18next's useTranslation asks (a fourth argument the public types do not list)
    const fixedT = ru.getFixedT as unknown as (...a: unknown[]) => typeof ru.t;
    const t = fixedT("ru", "participation", undefined, { scopeNs: ["participation"] });
    // the same function for the same arguments (react-i18next asks on every render)
    expect(fixedT("ru", "participation", undefined, { scopeNs: ["participation"] })).toBe(t);
    for (const n of [1, 2, 5, 21, 1, 2, 5])
      expect(t("counts.comments", { count: n })).toBe(
        ru.t("counts.comments", { ns: "participation", count: n }),
      );
    expect(t("counts.comments", { count: 1 })).toBe("1 замечание");
    expect(t("counts.comments", { count: 3 })).toBe("3 замечания");
    expect(t("counts.comments", { count: 5 })).toBe("5 замечаний");
    // an object option is not kept: i18next answers it every time
    expect(t("counts.comments", { count: 2, replace: { count: 7 } })).toBe(
      ru.t("counts.comments", { ns: "participation", count: 2, replace: { count: 7 } }),
    );
    const common = ru.getFixedT("ru", "common");
    expect(common("layout.portalName")).toBe(ru.t("layout.portalName", { ns: "common" }));
    expect(common("layout.portalName")).not.toBe(t("counts.comments", { count: 1 }));
  });
});
