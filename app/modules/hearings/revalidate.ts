import type { ShouldRevalidateFunction } from "@remix-run/react";

/**
 * The bill calculator changes only the URL's hh/m3/m2 and is computed in the browser: the hearing
 * page and its child routes skip reloading their data for that (no traffic on 3G).
 */
const CALC_PARAMS = ["hh", "m3", "m2"];

export const ignoreCalculatorParams: ShouldRevalidateFunction = ({
  currentUrl,
  nextUrl,
  formMethod,
  defaultShouldRevalidate,
}) => {
  if (formMethod && formMethod.toUpperCase() !== "GET") return defaultShouldRevalidate;
  if (currentUrl.pathname !== nextUrl.pathname) return defaultShouldRevalidate;
  const strip = (u: URL) => {
    const p = new URLSearchParams(u.search);
    for (const k of CALC_PARAMS) p.delete(k);
    p.sort();
    return p.toString();
  };
  return strip(currentUrl) === strip(nextUrl) ? false : defaultShouldRevalidate;
};
