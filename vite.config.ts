import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig, type Plugin } from "vite";
import { compression, defineAlgorithm } from "vite-plugin-compression2";
import { fileURLToPath } from "node:url";
import { constants } from "node:zlib";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      "~": r("./app"),
      "#db": r("./db"),
      "#locales": r("./locales"),
    },
  },
  server: { port: 3000 },
  build: { target: "es2020" },
  ssr: {
    // native and Node-only packages stay external in the server bundle
    external: [
      "better-sqlite3",
      "pg",
      "@node-rs/argon2",
      "pdfkit",
      "pino",
      "nodemailer",
      "docx",
      "qrcode",
    ],
  },
  plugins: [
    // the browser's files pre-compressed at build (.br, .gz next to each), served as they are by
    // server.js (express-static-gzip) and nginx (gzip_static): nothing is compressed per request
    !process.env.VITEST && browserOnly(precompressed()),
    !process.env.VITEST &&
      remix({
        future: {
          v3_fetcherPersist: true,
          v3_relativeSplatPath: true,
          v3_throwAbortReason: true,
          v3_singleFetch: true,
          v3_lazyRouteDiscovery: true,
          v3_routeConfig: true,
        },
      }),
  ],
});

function precompressed(): Plugin[] {
  const plugins = compression({
    include: /\.(js|mjs|css|svg|json|txt|html|xml|webmanifest)$/,
    threshold: 512,
    algorithms: [
      defineAlgorithm("brotliCompress", { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
      defineAlgorithm("gzip", { level: 9 }),
    ],
  });
  return Array.isArray(plugins) ? plugins : [plugins];
}

/** The plugins, applied to the client build only (not the SSR build of the server). */
function browserOnly(plugins: Plugin[]): Plugin[] {
  return plugins.map((p) => ({
    ...p,
    apply: (_config, env) => env.command === "build" && !env.isSsrBuild,
  }));
}
