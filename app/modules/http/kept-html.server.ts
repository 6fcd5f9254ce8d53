/**
 * The server side of `<Kept>` (app/components/kept.tsx, ADR 0069): the HTML of kept page parts,
 * per process, and the pass over a rendered page that fills placeholders and learns new parts.
 */
import { createHash } from "node:crypto";
import type { KeptRender } from "~/components/kept";

const MAX_BYTES = 32 * 1024 * 1024;
let bytes = 0;
const store = new Map<string, Buffer>();

function remember(name: string, html: Buffer) {
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

const MARK = "<template data-kept";
const MARK_END = '"></template>';

/**
 * One page render's view of the kept parts: `claim` (used by `<Kept>` while React renders) and
 * `finish` (the rendered page's bytes → the page to send). The HTML of a part claimed as known is
 * held by the render itself, so the store may drop it meanwhile. Pages and parts stay bytes
 * (UTF-8) from React to the compressor: no decoding and encoding of the whole page per request.
 */
export function keptRender(): KeptRender & { finish(html: Buffer): Buffer } {
  const using = new Map<string, Buffer>();
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
      // one pass over the markers: a placeholder becomes its part's HTML; a part between its
      // from/to markers is sent as rendered and remembered for the next reader (a part kept twice
      // on one page was rendered twice: its second markers go too)
      const out: Buffer[] = [];
      let at = 0;
      let open: { name: string; from: number } | null = null;
      for (let i = html.indexOf(MARK); i !== -1; i = html.indexOf(MARK, at)) {
        const end = html.indexOf(MARK_END, i);
        if (end === -1) break;
        const tag = html.toString("latin1", i + MARK.length, end); // '="n', '-from="n', '-to="n'
        const kind = tag.startsWith('="') ? "at" : tag.startsWith('-from="') ? "from" : "to";
        const name = tag.slice(tag.indexOf('"') + 1);
        out.push(html.subarray(at, i));
        at = end + MARK_END.length;
        if (kind === "at") {
          const part = using.get(name);
          if (part) out.push(part);
        } else if (kind === "from") {
          if (!open && learning.has(name)) open = { name, from: at };
        } else if (open && open.name === name) {
          remember(name, Buffer.from(html.subarray(open.from, i)));
          learning.delete(name);
          open = null;
        }
      }
      out.push(html.subarray(at));
      return Buffer.concat(out);
    },
  };
}
