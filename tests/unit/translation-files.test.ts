/**
 * Translations as hashed, immutable files (ADR 0062): a page's root data names its namespaces by
 * the URL of the one file holding them; the server answers exactly those URLs with the
 * namespaces' JSON, and refuses other hashes and unknown namespaces.
 */
import { describe, expect, it } from "vitest";
import { namespacesFor } from "~/modules/i18n/namespaces";
import { bundleFor, namespaceRefs, translationFile } from "~/modules/i18n/resources.server";
import { bundleOf } from "~/modules/i18n/store";

const fileName = (url: string) => url.split("/").pop()!;

describe("translation files", () => {
  it("names only the page's namespaces, all in one file with the content's hash", () => {
    const names = namespacesFor("/ky/hearings/1")!;
    const refs = namespaceRefs("ky", names);
    expect(Object.keys(refs).sort()).toEqual([...names].sort());
    expect(refs).not.toHaveProperty("admin");
    const urls = new Set(Object.values(refs));
    expect(urls.size).toBe(1);
    expect([...urls][0]).toMatch(
      new RegExp(`^/locales/ky/${[...names].sort().join("\\+")}\\.[\\w-]{12}\\.json$`),
    );
    // another language, other texts: another hash
    expect(namespaceRefs("ru", names).common).not.toBe(refs.common);
  });

  it("serves each named URL with its namespaces' texts, and nothing for another hash", () => {
    const url = namespaceRefs("ru", ["participation", "common"]).participation;
    const file = fileName(url);
    expect(JSON.parse(translationFile("ru", file)!)).toEqual({
      common: bundleFor("ru").common,
      participation: bundleFor("ru").participation,
    });
    expect(translationFile("ky", file)).toBeNull();
    expect(translationFile("ru", file.replace(/\.[\w-]{12}\./, ".AAAAAAAAAAAA."))).toBeNull();
    expect(translationFile("ru", "common+nosuch.AAAAAAAAAAAA.json")).toBeNull();
    expect(translationFile("ru", "../../package.json")).toBeNull();
    expect(translationFile("en", file)).toBeNull();
  });

  it("the server's store holds every bundle the root data can name", () => {
    const refs = namespaceRefs("ky", null);
    expect(bundleOf("ky", refs)).toEqual(bundleFor("ky"));
  });
});
