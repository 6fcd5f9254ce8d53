import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import { fileURLToPath } from "node:url";

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
