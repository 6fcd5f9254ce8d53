/**
 * The server's route matching with the memoized matches of patches/@remix-run+router+*.patch
 * (ADR 0060): a repeated match answers what a fresh match of the same tree answers, every caller
 * gets its own match objects and params, full and partial matches are kept apart, and the cache
 * starting over (more than 1,000 pathnames) changes no answer.
 */
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

// the CommonJS build is the one Node loads on the server (and the one patched)
const { matchRoutes } = createRequire(import.meta.url)(
  "@remix-run/router",
) as typeof import("@remix-run/router");

type R = import("@remix-run/router").AgnosticRouteObject;
const tree = (): R[] => [
  {
    id: "lang",
    path: ":lang",
    children: [
      { id: "home", index: true },
      {
        id: "hearing",
        path: "hearings/:id",
        children: [
          { id: "hearing-index", index: true },
          { id: "protocol", path: "protocol" },
        ],
      },
      { id: "splat", path: "*" },
    ],
  },
];
const ids = (m: ReturnType<typeof matchRoutes>) => m?.map((x) => [x.route.id, x.pathname]) ?? null;

describe("route matching (memoized)", () => {
  it("answers a repeated match as a fresh tree does, with its own objects each time", () => {
    const routes = tree();
    const first = matchRoutes(routes, "/ky/hearings/12")!;
    const second = matchRoutes(routes, "/ky/hearings/12")!;
    expect(ids(second)).toEqual(ids(matchRoutes(tree(), "/ky/hearings/12")));
    expect(ids(second)).toEqual([
      ["lang", "/ky"],
      ["hearing", "/ky/hearings/12"],
      ["hearing-index", "/ky/hearings/12/"],
    ]);
    expect(second[0]).not.toBe(first[0]);
    // the matches of one answer share one params object, as a fresh match's do
    expect(second[1].params).toBe(second[2].params);
    (first[1].params as Record<string, string>).id = "changed";
    (first as unknown[]).push("changed");
    const third = matchRoutes(routes, "/ky/hearings/12")!;
    expect(third[1].params).toEqual({ lang: "ky", id: "12" });
    expect(third).toHaveLength(3);
  });

  it("keeps no-match, other paths and trees apart, and stays right after starting over", () => {
    const routes = tree();
    expect(matchRoutes(routes, "/")).toBeNull();
    expect(matchRoutes(routes, "/")).toBeNull();
    expect(ids(matchRoutes(routes, "/ru/hearings/7/protocol"))!.at(-1)).toEqual([
      "protocol",
      "/ru/hearings/7/protocol",
    ]);
    for (let i = 0; i < 1500; i++) {
      const m = matchRoutes(routes, `/ky/hearings/${i}`)!;
      expect(m[1].params.id).toBe(String(i));
    }
    expect(matchRoutes(routes, "/ky/hearings/3")![1].params.id).toBe("3");
    const other: R[] = [{ id: "only", path: "/ky/hearings/:n" }];
    expect(matchRoutes(other, "/ky/hearings/3")!.map((m) => m.route.id)).toEqual(["only"]);
    expect(ids(matchRoutes(routes, "/ky/anything/else"))!.at(-1)![0]).toBe("splat");
  });
});

// patches/react-router-dom+*.patch (ADR 0060): the static router's data routes are made once per
// routes array, so the router's per-array caches above hit for a render's own matching
describe("static router data routes (memoized)", () => {
  const { createStaticRouter } = createRequire(import.meta.url)(
    "react-router-dom/server",
  ) as typeof import("react-router-dom/server");
  const context = (routes: R[]) =>
    ({
      basename: "/",
      location: { pathname: "/ky/hearings/7", search: "", hash: "", state: null, key: "default" },
      matches: (matchRoutes(routes, "/ky/hearings/7") ?? []).map((m) => ({ ...m })),
      loaderData: {},
      actionData: null,
      errors: null,
      statusCode: 200,
      loaderHeaders: {},
      actionHeaders: {},
      activeDeferreds: null,
    }) as never;

  it("answers the same data routes for the same routes array, and new ones for another", () => {
    const routes = tree() as never as import("react-router-dom").RouteObject[];
    const a = createStaticRouter(routes, context(routes as never));
    const b = createStaticRouter(routes, context(routes as never));
    expect(b.routes).toBe(a.routes);
    // the render's matches point at those data routes, as before the patch
    expect(b.state.matches.map((m) => m.route.id)).toEqual(["lang", "hearing", "hearing-index"]);
    expect(b.state.matches.at(-1)!.route).toBe(a.routes[0].children![1].children![0]);
    const other = tree() as never as import("react-router-dom").RouteObject[];
    expect(createStaticRouter(other, context(other as never)).routes).not.toBe(a.routes);
  });
});
