// React 18.3's streaming renderer pads some 2 KB chunks with NUL bytes when a multibyte letter does
// not fit (react#24985). The page stream goes through `withoutNulBytes` (ADR 0020): this renders
// Cyrillic text at every offset around the 2,048- and 4,096-byte boundaries and checks the bytes.
import { PassThrough, type Transform } from "node:stream";
import { createElement } from "react";
import { renderToPipeableStream, renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { pageSink, withoutNulBytes } from "~/modules/http/html-stream.server";

function page(pad: number) {
  const items = Array.from({ length: 60 }, (_, i) =>
    createElement(
      "li",
      { key: i, title: "айылдык кеңеш", "aria-label": "Жүктөп алуу" },
      "Жүктөп алуу · Қ Ң Ө Ү",
    ),
  );
  return createElement(
    "main",
    null,
    createElement("p", null, "a".repeat(pad)),
    createElement("ul", null, items),
  );
}

function render(pad: number, sink: Transform): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    sink.on("data", (c: Buffer) => chunks.push(Buffer.from(c)));
    sink.on("end", () => resolve(Buffer.concat(chunks)));
    sink.on("error", reject);
    const { pipe } = renderToPipeableStream(page(pad), {
      onAllReady: () => pipe(sink),
      onError: reject,
    });
  });
}

const OFFSETS = [
  ...Array.from({ length: 80 }, (_, i) => 1990 + i), // around 2,048 bytes
  ...Array.from({ length: 80 }, (_, i) => 4050 + i), // around 4,096 bytes
  ...Array.from({ length: 40 }, (_, i) => i), // and the start
];

describe("page stream bytes", () => {
  it("React 18.3 alone writes NUL bytes for Cyrillic near 2 KB (the bug the filter is for)", async () => {
    let withNul = 0;
    for (const pad of OFFSETS) if ((await render(pad, new PassThrough())).includes(0)) withNul++;
    // if React is upgraded to a fixed version this fails: then ADR 0020's filter may go
    expect(withNul).toBeGreaterThan(0);
  });

  it("through withoutNulBytes every offset gives exactly the markup, valid UTF-8, no NUL or U+FFFD", async () => {
    const strict = new TextDecoder("utf-8", { fatal: true });
    for (const pad of OFFSETS) {
      const bytes = await render(pad, withoutNulBytes());
      expect(bytes.includes(0), `NUL at pad ${pad}`).toBe(false);
      const text = strict.decode(bytes);
      expect(text.includes("\uFFFD"), `U+FFFD at pad ${pad}`).toBe(false);
      expect(text).toBe(renderToString(page(pad)));
    }
  });

  it("through pageSink (pages sent in one piece) every offset gives exactly the markup, once", async () => {
    for (const pad of OFFSETS) {
      let calls = 0;
      const bytes = await new Promise<Buffer>((resolve, reject) => {
        const { pipe } = renderToPipeableStream(page(pad), {
          onAllReady: () =>
            pipe(
              pageSink((b) => {
                calls++;
                resolve(b);
              }),
            ),
          onError: reject,
        });
      });
      expect(calls).toBe(1);
      expect(bytes.includes(0), `NUL at pad ${pad}`).toBe(false);
      expect(new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toBe(
        renderToString(page(pad)),
      );
    }
  });
});
