/**
 * Pages served as HTML only (ADR 0067): the public pages residents open from a shared link (home,
 * municipality, hearing, tariff register, protocol, about) send no client runtime — no React, no
 * router, no translation files — only the small inline enhancement script of
 * `enhance/enhance.browser.js`. Every form on them is a plain HTML form that works without
 * JavaScript (the standard the whole portal keeps); the office, council, admin and account pages
 * still hydrate.
 *
 * A route opts in with `export const handle = htmlOnly;` and `export const clientLoader =
 * loadAsDocument;`; the root layout asks {@link useHydrates}.
 */
import { useMatches, type ClientLoaderFunctionArgs } from "@remix-run/react";
import enhanceSource from "./enhance/enhance.browser.js?raw";

/** The route handle of a page served without the client runtime. */
export const htmlOnly = { hydrate: false } as const;

/**
 * The client loader of an HTML-only route: a navigation into it from a page that runs the client
 * router (a link on an office page, the redirect after signing in) becomes a document load, so
 * the page is what the server sends — never drawn by client React without its enhancement
 * script. Never resolves: the browser leaves the page.
 */
export function loadAsDocument({ request }: ClientLoaderFunctionArgs): Promise<never> {
  window.location.assign(request.url);
  return new Promise<never>(() => {});
}

/** True unless a matched route is {@link htmlOnly}. */
export function useHydrates(): boolean {
  return !useMatches().some(
    (m) => (m.handle as { hydrate?: boolean } | undefined)?.hydrate === false,
  );
}

// comment lines and indentation are dropped (the page carries the script in every answer)
const inline = enhanceSource
  .split("\n")
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith("//") && !l.startsWith("/*"))
  .join("\n");

/** The inline enhancement script of an HTML-only page (its CSP: the nonce, or its hash when cached). */
export function Enhancements({ nonce }: { nonce: string }) {
  return <script nonce={nonce || undefined} dangerouslySetInnerHTML={{ __html: inline }} />;
}
