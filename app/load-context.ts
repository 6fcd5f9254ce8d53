import type { Logger } from "pino";

declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce?: string;
    requestId?: string;
    logger?: Logger;
    ip?: string;
  }
}

export {};
