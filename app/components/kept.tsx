/**
 * Parts of an HTML-only page (ADR 0067) whose HTML is the same for many readers are rendered once
 * and reused (ADR 0069): `<Kept id="…">` around them. `id` must name everything the part shows —
 * the version of the data it reads (a `keptId` made with that data, see core/memo.server.ts), the
 * URL's query if it reads it, and every fact about the viewer it depends on; `null` renders the
 * children as usual (a form answering with the person's typed text, a hydrated page).
 *
 * How (no second renderer, no context copied): entry.server gives HTML-only pages a
 * {@link KeptRender}; a part whose HTML is known renders as an empty `<template data-kept>`
 * placeholder, which entry.server replaces with the known HTML once the page is rendered; an
 * unknown part renders its children between two marker elements, from which entry.server takes
 * its HTML for the next reader and then drops the markers.
 */
import { createContext, useContext, type ReactNode } from "react";

/** What one render of a page knows and learns about kept parts (implemented on the server). */
export interface KeptRender {
  /** The part's marker name for `id` and whether its HTML is already known (then: placeholder). */
  claim(id: string): { name: string; known: boolean };
}

const KeptContext = createContext<KeptRender | null>(null);
export const KeptProvider = KeptContext.Provider;

/** Renders `children` once per `id` for every page render that offers a {@link KeptRender}. */
export function Kept({ id, children }: { id: string | null; children: ReactNode }) {
  const render = useContext(KeptContext);
  if (!render || id === null) return <>{children}</>;
  const { name, known } = render.claim(id);
  if (known) return <template data-kept={name} />;
  return (
    <>
      <template data-kept-from={name} />
      {children}
      <template data-kept-to={name} />
    </>
  );
}
