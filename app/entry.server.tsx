import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "./components/nonce";
import { logger } from "./modules/core/logger.server";
import { carryRetryAfter } from "./modules/ratelimit/ratelimit.server";
import { pageSink, withoutNulBytes } from "./modules/http/html-stream.server";
import { keptRender } from "./modules/http/kept-html.server";
import { compressOnce } from "./modules/http/compress.server";
import { KeptProvider } from "./components/kept";

export {
  startup,
  healthCheck,
  shutdown,
  logger,
  readContentVersions,
  translationFile,
} from "./startup.server";
export { plainRefusal, apiLangFrom } from "./modules/core/reply.server";
export { votePost } from "./modules/participation/vote-post.server";

const ABORT_DELAY = 5_000;
export const streamTimeout = ABORT_DELAY;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce ?? "";
  carryRetryAfter(remixContext.staticHandlerContext, responseHeaders);
  const bot = isbot(request.headers.get("user-agent") ?? "");
  // an HTML-only page (ADR 0067) has nothing to stream in: it is sent as one buffer once rendered,
  // so the compression layer compresses it in one call instead of chunk by chunk
  const whole = remixContext.staticHandlerContext.matches.some(
    (m) =>
      (remixContext.routeModules[m.route.id]?.handle as { hydrate?: boolean } | undefined)
        ?.hydrate === false,
  );
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    // parts of an HTML-only page rendered once for many readers (ADR 0069)
    const kept = whole ? keptRender() : null;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <KeptProvider value={kept}>
          <RemixServer
            context={whole ? withoutHandoff(remixContext) : remixContext}
            url={request.url}
            abortDelay={ABORT_DELAY}
            nonce={nonce}
          />
        </KeptProvider>
      </NonceProvider>,
      {
        nonce,
        [bot || whole ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          if (whole) {
            pipe(
              pageSink((rendered) => {
                // nothing is left to abort (see below)
                clearTimeout(abortTimer);
                const page = kept ? kept.finish(rendered) : rendered;
                const { body: bytes, encoding } = compressOnce(request, page);
                if (encoding) responseHeaders.set("Content-Encoding", encoding);
                responseHeaders.append("Vary", "Accept-Encoding");
                resolve(
                  new Response(
                    new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.length),
                    {
                      headers: responseHeaders,
                      status: responseStatusCode,
                    },
                  ),
                );
              }),
            );
            return;
          }
          // React 18.3 pads some 2 KB chunks with 0x00 bytes (ADR 0020): they are dropped here
          const body = withoutNulBytes();
          // once React has written everything, nothing is left to abort (a pending timer kept the
          // whole render alive for 5 s: at a few hundred pages a second, the heap's largest part)
          body.on("finish", () => clearTimeout(abortTimer));
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          clearTimeout(abortTimer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) logger.error({ err: error }, "render error");
        },
      },
    );
    const abortTimer = setTimeout(abort, ABORT_DELAY);
  });
}

/**
 * The context of a page sent without the client runtime (ADR 0067): no loader data for the
 * browser, so Remix's server handoff stream is never read, and with the server-runtime patch
 * (patches/, ADR 0060) never encoded either.
 */
function withoutHandoff(context: EntryContext): EntryContext {
  return Object.create(context, { serverHandoffStream: { value: undefined } }) as EntryContext;
}

export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  logger.error({ err: error, url: request.url }, "unhandled error");
};
