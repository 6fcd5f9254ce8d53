/**
 * Translations as hashed, immutable files (ADR 0062): a page's root data names its namespaces by
 * URL; the server answers exactly those URLs with the namespace's JSON, and refuses other hashes.
 */
import { describe, expect, it } from "vitest";
import { namespacesFor } from "~/modules/i18n/namespaces";
import { bundleFor, namespaceRefs, translationFile } from "~/modules/i18n/resources.server";
import { bundleOf } from "~/modules/i18n/store";

describe("translation files", () => {
  it("names only the page's namespaces, by a URL with the content's hash", () => {
    const refs = namespaceRefs("ky", namespacesFor("/ky/hearings/1"));
    expect(Object.keys(refs).sort()).toEqual([...namespacesFor("/ky/hearings/1")!].sort());
    expect(refs).not.toHaveProperty("admin");
    for (const [ns, url] of Object.entries(refs))
      expect(url).toMatch(new RegExp(`^/locales/ky/${ns}\\.[\\w-]{12}\\.json$`));
    // another language, other texts: other hashes
    expect(namespaceRefs("ru", ["common"]).common).not.toBe(refs.common);
  });

  it("serves each named URL with its namespace's texts, and nothing for another hash", () => {
    const url = namespaceRefs("ru", ["participation"]).participation;
    const file = url.split("/").pop()!;
    expect(JSON.parse(translationFile("ru", file)!)).toEqual(bundleFor("ru").participation);
    expect(translationFile("ky", file)).toBeNull();
    expect(translationFile("ru", file.replace(/\.[\w-]{12}\./, ".AAAAAAAAAAAA."))).toBeNull();
    expect(translationFile("ru", "../../package.json")).toBeNull();
  });

  it("the server's store holds every bundle the root data can name", () => {
    const refs = namespaceRefs("ky", null);
    expect(bundleOf("ky", refs)).toEqual(bundleFor("ky"));
  });
});
