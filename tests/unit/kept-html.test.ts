/**
 * Kept page parts (ADR 0069): a part is rendered once per id and reused as it was; a page that
 * reuses it is byte for byte the page that rendered it; markers never reach the reader.
 */
import { describe, expect, it } from "vitest";
import { createElement as h, Fragment } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { Kept, KeptProvider } from "~/components/kept";
import { keptRender } from "~/modules/http/kept-html.server";

let renders = 0;
function Part({ label }: { label: string }) {
  renders++;
  // text with characters a string replacement would misread ($&, $$) and escaped ones
  return h(
    "ul",
    null,
    h("li", null, label),
    h("li", null, h("a", { href: "/ky?x=1&y=2" }, `«${label}» & $1 $& $$`)),
  );
}
const tree = (header: string, part: ReturnType<typeof h>) =>
  h(Fragment, null, h("header", null, header), part, h("footer", null, "·"));

function page(id: string | null, label: string, header: string) {
  const kept = keptRender();
  const html = renderToStaticMarkup(
    h(KeptProvider, { value: kept }, tree(header, h(Kept, { id, children: h(Part, { label }) }))),
  );
  return kept.finish(Buffer.from(html)).toString("utf8");
}

describe("kept page parts", () => {
  const id = `test:${Math.random()}`;
  it("renders a part once per id and sends the same bytes as a fresh render", () => {
    const fresh = renderToStaticMarkup(tree("Айгүл", h(Part, { label: "биринчи" })));
    renders = 0;
    const first = page(id, "биринчи", "Айгүл");
    expect(first).toBe(fresh);
    expect(renders).toBe(1);
    // the next reader: the part is not rendered again, the rest of the page is their own
    const second = page(id, "биринчи", "Бакыт");
    expect(renders).toBe(1);
    expect(second).toBe(fresh.replace("Айгүл", "Бакыт"));
    expect(second).not.toMatch(/data-kept/);
  });

  it("another id renders again; a null id is never kept", () => {
    renders = 0;
    expect(page(`${id}:other`, "экинчи", "А")).toContain("экинчи");
    expect(renders).toBe(1);
    page(null, "үчүнчү", "А");
    page(null, "үчүнчү", "А");
    expect(renders).toBe(3);
  });

  it("the same id twice on one page renders both and leaves no markers", () => {
    const kept = keptRender();
    const twice = `test:twice:${Math.random()}`;
    const part = () => h(Kept, { id: twice, children: h(Part, { label: "a" }) });
    const html = kept
      .finish(Buffer.from(renderToStaticMarkup(h(KeptProvider, { value: kept }, part(), part()))))
      .toString("utf8");
    expect(html.match(/<ul>/g)).toHaveLength(2);
    expect(html).not.toMatch(/data-kept/);
  });

  it("a part kept inside another: each reader's page is a fresh render, the inner part rendered once", () => {
    const inner = `test:inner:${Math.random()}`;
    const outerOf = (who: string) => `test:outer:${who}:${inner}`;
    let outerRenders = 0;
    function Section({ who }: { who: string }) {
      outerRenders++;
      return h(
        "section",
        null,
        h("h2", null, who),
        h(Kept, { id: inner, children: h(Part, { label: "бөлүм" }) }),
      );
    }
    const render = (who: string) => {
      const kept = keptRender();
      const html = renderToStaticMarkup(
        h(
          KeptProvider,
          { value: kept },
          tree("·", h(Kept, { id: outerOf(who), children: h(Section, { who }) })),
        ),
      );
      return kept.finish(Buffer.from(html)).toString("utf8");
    };
    const fresh = (who: string) =>
      renderToStaticMarkup(
        tree("·", h("section", null, h("h2", null, who), h(Part, { label: "бөлүм" }))),
      );
    const [a, b] = [fresh("Айгүл"), fresh("Бакыт")];
    renders = 0;
    expect(render("Айгүл")).toBe(a); // both learnt
    expect(render("Бакыт")).toBe(b); // outer learnt around the known inner part
    expect(render("Айгүл")).toBe(a); // outer known: its inner part filled in
    expect(render("Бакыт")).toBe(b);
    expect(renders).toBe(1);
    expect(outerRenders).toBe(2);
  });
});
