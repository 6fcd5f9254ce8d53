/**
 * The server side of `<Kept>` (app/components/kept.tsx, ADR 0069): the HTML of kept page parts,
 * per process, and the pass over a rendered page that fills placeholders and learns new parts.
 */
import { createHash } from "node:crypto";
import type { KeptRender } from "~/components/kept";

const MAX_BYTES = 32 * 1024 * 1024;
let bytes = 0;
const store = new Map<string, string>();

function remember(name: string, html: string) {
  const old = store.get(name);
  if (old !== undefined) {
    bytes -= old.length;
    store.delete(name);
  }
  store.set(name, html);
  bytes += html.length;
  for (const [k, v] of store) {
    if (bytes <= MAX_BYTES) break;
    store.delete(k);
    bytes -= v.length;
  }
}

/**
 * One page render's view of the kept parts: `claim` (used by `<Kept>` while React renders) and
 * {@link finish} (the rendered page → the page to send). The HTML of a part claimed as known is
 * held by the render itself, so the store may drop it meanwhile.
 */
export function keptRender(): KeptRender & { finish(html: string): string } {
  const using = new Map<string, string>();
  const learning = new Set<string>();
  return {
    claim(id) {
      const name = createHash("sha256").update(id).digest("base64url").slice(0, 22);
      const html = using.get(name) ?? store.get(name);
      if (html !== undefined && !learning.has(name)) {
        using.set(name, html);
        // most recently used last
        store.delete(name);
        store.set(name, html);
        return { name, known: true };
      }
      learning.add(name);
      return { name, known: false };
    },
    finish(html) {
      let out = html;
      for (const name of learning) {
        const from = `<template data-kept-from="${name}"></template>`;
        const to = `<template data-kept-to="${name}"></template>`;
        const a = out.indexOf(from);
        const b = out.indexOf(to, a);
        if (a === -1 || b === -1) continue;
        remember(name, out.slice(a + from.length, b));
        out = out.slice(0, a) + out.slice(a + from.length, b) + out.slice(b + to.length);
      }
      for (const [name, part] of using)
        out = out.replace(`<template data-kept="${name}"></template>`, () => part);
      // a part kept twice on one page was rendered twice: its second markers go too
      return out.replace(/<template data-kept-(?:from|to)="[\w-]+"><\/template>/g, "");
    },
  };
}
