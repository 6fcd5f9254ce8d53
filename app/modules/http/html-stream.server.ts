/**
 * The byte fix for React 18.3's streaming renderer (docs/decisions/0020-react-stream-nul-bytes.md).
 *
 * `renderToPipeableStream` copies text into a 2,048-byte buffer; when a multibyte character does
 * not fit at its end, React 18.3 writes the WHOLE buffer, including the zero bytes it never filled
 * (react#24985, #31134; fixed upstream in #26228, released only in React 19). Every Cyrillic page
 * carried "\0" near 2 KB offsets, and browsers show "�" for them in attributes.
 *
 * The buffer is always a fresh zero-filled array, so the bytes it adds are exactly 0x00 and nothing
 * else is lost or reordered; 0x00 never occurs inside a multibyte UTF-8 sequence, and an HTML page
 * has no legitimate NUL (the HTML parser turns it into U+FFFD). Dropping every 0x00 byte from the
 * stream therefore gives back exactly the bytes React meant to write.
 */
import { Transform, Writable, type TransformCallback } from "node:stream";

/** A Transform that passes every byte through except 0x00. */
export function withoutNulBytes(): Transform {
  return new Transform({
    transform(chunk: Buffer | string, _enc: BufferEncoding, done: TransformCallback) {
      const buf = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
      if (buf.indexOf(0) === -1) return done(null, buf);
      const out = Buffer.allocUnsafe(buf.length);
      let n = 0;
      for (let i = 0; i < buf.length; i++) if (buf[i] !== 0) out[n++] = buf[i];
      done(null, out.subarray(0, n));
    },
  });
}

/** `bytes` without its 0x00 bytes (the same fix as {@link withoutNulBytes}, on a whole page). */
export function dropNulBytes(bytes: Buffer): Buffer {
  if (bytes.indexOf(0) === -1) return bytes;
  const out = Buffer.allocUnsafe(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== 0) out[n++] = bytes[i];
  return out.subarray(0, n);
}

/**
 * Where React writes a page that is sent in one piece (HTML-only pages, ADR 0067): the chunks are
 * kept and `done(page)` gets the whole page, NUL bytes dropped, when React ends the stream.
 * It emits no "close": React listens for it to abort the render, and an abort after the page was
 * complete made React end the stream a second time (an error object per page, for nothing).
 */
export function pageSink(done: (page: Buffer) => void): Writable {
  const chunks: Buffer[] = [];
  return new Writable({
    emitClose: false,
    write(chunk: Buffer | string, _enc: BufferEncoding, next: (error?: Error | null) => void) {
      chunks.push(typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk);
      next();
    },
    final(next: (error?: Error | null) => void) {
      done(dropNulBytes(Buffer.concat(chunks)));
      next();
    },
  });
}
