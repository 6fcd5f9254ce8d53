import { useRouteLoaderData } from "@remix-run/react";
import type { loader } from "~/root";

/** What the root loader hands every page: the language, its i18n bundle and the signed-in person. */
export type RootData = Awaited<ReturnType<typeof loader>>;

/**
 * The root loader's data from any component (undefined while an error boundary renders without
 * it). Lives apart from root.tsx so that the layout can read it without importing the root
 * (which imports the layout): the import stays one-way, see the no-cycle rule in eslint.config.js.
 */
export function useRootData(): RootData | undefined {
  return useRouteLoaderData<typeof loader>("root");
}
