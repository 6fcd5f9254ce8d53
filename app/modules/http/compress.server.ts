/**
 * Compression of a page that is sent in one piece (HTML-only pages, ADR 0067): one call per
 * response instead of the compression middleware's chunk-by-chunk stream (≈ 3 ms of a signed-in
 * hearing page in the profile, docs/performance.md). The middleware leaves an answer that already
 * has a Content-Encoding alone. Synchronous on purpose: for a page of this size (≈ 60 KB) the
 * synchronous call costs half the CPU of the stream-based asynchronous one (0.4 ms vs 0.8 ms at
 * brotli quality 4, measured on the 2-core machine) and blocks less than a millisecond.
 * Brotli quality 1: these answers are compressed for one reader each (the page cache compresses
 * what it stores itself, at its own levels). On the signed-in hearing page (59 KB, bench data,
 * 2-core machine, 1,000 runs each): quality 1 0.20 ms → 9.5 KiB, 2 0.40 ms → 8.7 KiB, 3 0.48 ms →
 * 8.5 KiB, 4 ≈ 0.7 ms → 8.0 KiB. Quality 1 gives back a quarter of a millisecond per page (≈ 8 %
 * of its CPU, and with 50 readers queued ≈ 14 ms of everyone's wait) for 1 KiB more (≈ 20 ms on
 * slow 3G, once per page view).
 */
import zlib from "node:zlib";
import Negotiator from "negotiator";

/** Answers under 1 KiB are sent as they are (the headers would outweigh the saving). */
const MIN_BYTES = 1024;

/**
 * `body` encoded as the request's Accept-Encoding prefers among br and gzip (q-values honoured;
 * br at quality 1, gzip at level 6), or as it is. Returns the bytes and
 * the encoding used (null: identity). Never throws for a header it cannot read (identity).
 */
export function compressOnce(
  request: Request,
  body: Buffer,
): { body: Buffer; encoding: "br" | "gzip" | null } {
  if (body.length < MIN_BYTES) return { body, encoding: null };
  const accept = request.headers.get("accept-encoding") ?? undefined;
  // equal q-values: br first, whatever order the header lists them in (negotiator 1.x
  // `preferred`, missing from its published types)
  const negotiator = new Negotiator({ headers: { "accept-encoding": accept } });
  const encoding = negotiator.encoding.bind(negotiator) as (
    available: string[],
    options: { preferred: string[] },
  ) => string | undefined;
  const chosen = encoding(["br", "gzip", "identity"], { preferred: ["br", "gzip", "identity"] });
  if (chosen === "br")
    return {
      body: zlib.brotliCompressSync(body, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: 1,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      }),
      encoding: "br",
    };
  if (chosen === "gzip") return { body: zlib.gzipSync(body, { level: 6 }), encoding: "gzip" };
  return { body, encoding: null };
}
