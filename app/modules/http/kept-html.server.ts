/**
 * The server side of `<Kept>` (app/components/kept.tsx, ADR 0069): the HTML of kept page parts,
 * per process, and the pass over a rendered page that fills placeholders and learns new parts.
 */
import { createHash } from "node:crypto";
import type { KeptRender } from "~/components/kept";

const MAX_BYTES = 32 * 1024 * 1024;
let bytes = 0;

/** A kept part: its HTML with a placeholder for each part kept inside it, and their names. */
interface Part {
  html: Buffer;
  inner: string[];
}
const store = new Map<string, Part>();

function remember(name: string, part: Part) {
  const old = store.get(name);
  if (old !== undefined) {
    bytes -= old.html.length;
    store.delete(name);
  }
  store.set(name, part);
  bytes += part.html.length;
  for (const [k, v] of store) {
    if (bytes <= MAX_BYTES) break;
    store.delete(k);
    bytes -= v.html.length;
  }
}

const MARK = "<template data-kept";
const MARK_END = '"></template>';
const placeholder = (name: string) => Buffer.from(`${MARK}="${name}${MARK_END}`, "latin1");

/** Each marker of `html` in order: where it starts and ends, its kind and part name. */
function* markers(html: Buffer) {
  for (let i = html.indexOf(MARK); i !== -1;) {
    const end = html.indexOf(MARK_END, i);
    if (end === -1) return;
    const tag = html.toString("latin1", i + MARK.length, end); // '="n', '-from="n', '-to="n'
    const kind = tag.startsWith('="') ? "at" : tag.startsWith('-from="') ? "from" : "to";
    yield { start: i, end: end + MARK_END.length, kind, name: tag.slice(tag.indexOf('"') + 1) };
    i = html.indexOf(MARK, end);
  }
}

/**
 * One page render's view of the kept parts: `claim` (used by `<Kept>` while React renders) and
 * `finish` (the rendered page's bytes → the page to send). A part may hold other kept parts (a
 * section kept per reader around a list kept for everyone): it is stored with placeholders for
 * them and claimed as known only while all of them are stored too. The parts a render claims as
 * known are held by the render itself, so the store may drop them meanwhile. Pages and parts stay
 * bytes (UTF-8) from React to the compressor: no decoding and encoding of the whole page.
 */
export function keptRender(): KeptRender & { finish(html: Buffer): Buffer } {
  const using = new Map<string, Part>();
  const learning = new Set<string>();
  const pin = (name: string, part: Part): boolean => {
    for (const inner of part.inner) {
      if (using.has(inner)) continue;
      const p = store.get(inner);
      if (!p || !pin(inner, p)) return false;
    }
    using.set(name, part);
    // most recently used last
    store.delete(name);
    store.set(name, part);
    return true;
  };
  const expanded = new Map<string, Buffer>();
  const expand = (name: string): Buffer => {
    let html = expanded.get(name);
    if (html) return html;
    const part = using.get(name)!;
    if (part.inner.length === 0) html = part.html;
    else {
      const pieces: Buffer[] = [];
      let at = 0;
      for (const m of markers(part.html)) {
        pieces.push(part.html.subarray(at, m.start));
        if (m.kind === "at" && using.has(m.name)) pieces.push(expand(m.name));
        at = m.end;
      }
      pieces.push(part.html.subarray(at));
      html = Buffer.concat(pieces);
    }
    expanded.set(name, html);
    return html;
  };
  return {
    claim(id) {
      const name = createHash("sha256").update(id).digest("base64url").slice(0, 22);
      if (!learning.has(name)) {
        const part = using.get(name) ?? store.get(name);
        if (part !== undefined && pin(name, part)) return { name, known: true };
      }
      learning.add(name);
      return { name, known: false };
    },
    finish(html) {
      // one pass over the markers: a placeholder becomes its part's HTML; a part between its
      // from/to markers is sent as rendered and remembered for the next reader, with placeholders
      // for the parts inside it (a part kept twice on one page was rendered twice: its second
      // markers only go)
      const out: Buffer[] = [];
      const open: { name: string; pieces: Buffer[]; inner: string[] }[] = [];
      const learnt = new Set<string>();
      let at = 0;
      const text = (piece: Buffer) => {
        out.push(piece);
        open.at(-1)?.pieces.push(piece);
      };
      for (const m of markers(html)) {
        text(html.subarray(at, m.start));
        at = m.end;
        const parent = open.at(-1);
        if (m.kind === "at") {
          if (!using.has(m.name)) continue;
          out.push(expand(m.name));
          parent?.pieces.push(placeholder(m.name));
          parent?.inner.push(m.name);
        } else if (m.kind === "from") {
          if (learning.has(m.name) && !learnt.has(m.name) && !open.some((o) => o.name === m.name))
            open.push({ name: m.name, pieces: [], inner: [] });
        } else if (parent && parent.name === m.name) {
          open.pop();
          learnt.add(m.name);
          remember(m.name, { html: Buffer.concat(parent.pieces), inner: parent.inner });
          const outer = open.at(-1);
          outer?.pieces.push(placeholder(m.name));
          outer?.inner.push(m.name);
        }
      }
      text(html.subarray(at));
      return Buffer.concat(out);
    },
  };
}
