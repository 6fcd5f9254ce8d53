import pino from "pino";

export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.VITEST ? "silent" : "info"),
  base: { service: "jyiyn" },
  redact: ["req.headers.cookie", "password", "*.password", "pin", "*.pin"],
});
export type Logger = typeof logger;
