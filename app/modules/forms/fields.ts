/**
 * Zod fields every form schema shares. `idField` is the zod face of `toId` (modules/http/ids): a
 * whole number 1 … 2^31 − 1, the range both databases store, so a form id never reaches
 * PostgreSQL as an out-of-range integer.
 */
import { z } from "zod";
import { MAX_ID } from "../http/ids";

/** A record id from a form field; `message` (an i18n key) for anything else. */
export function idField(message?: string) {
  return z.coerce
    .number(message ? { message } : undefined)
    .int(message)
    .min(1, message)
    .max(MAX_ID, message);
}
