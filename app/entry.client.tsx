import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { loadNamespaces, type NamespaceRefs } from "./modules/i18n/store";

// The page names its translation files (hashed, immutable, preloaded in <head>, ADR 0062): they
// are in the store before hydration, so the first render in the browser sees the server's texts.
const refs: NamespaceRefs = {};
for (const link of document.querySelectorAll<HTMLLinkElement>("link[data-i18n-ns]"))
  for (const ns of link.dataset.i18nNs!.split(" ")) refs[ns] = link.getAttribute("href")!;

loadNamespaces(document.documentElement.lang, refs)
  .catch((error: unknown) => console.error(error))
  .finally(() =>
    startTransition(() => {
      hydrateRoot(
        document,
        <StrictMode>
          <RemixBrowser />
        </StrictMode>,
      );
    }),
  );
