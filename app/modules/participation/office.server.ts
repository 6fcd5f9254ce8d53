/**
 * The officials' participation pages of one hearing (`/office/hearings/{id}/comments`, `/meeting`):
 * one guard and context for both, and one intent runner — each route declares only its reads and
 * its intents (parse → guard → one command → reply, as the edit pages do with `runEditAction`).
 */
import { redirect } from "@remix-run/node";
import type { z } from "zod";
import type { DB } from "#db/connection";
import { clientIp } from "../audit/audit.server";
import type { Action } from "../auth/permissions";
import type { SessionUser } from "../auth/session.server";
import { getDb } from "../core/db.server";
import { attempt, invalidReply, notFound } from "../core/reply.server";
import { readForm } from "../forms/read.server";
import { parseForm } from "../forms/validate.server";
import { requireHearing } from "../hearings/guards.server";
import { lineLabel } from "../hearings/labels.server";
import { idParam } from "../http/params.server";
import type { Lang } from "../i18n/config";
import { requireLang, tFor } from "../i18n/route.server";
import { getHearingContext, isLocked, type HearingContext } from "./context.server";

/** What an office participation page works with after its guard. */
export interface OfficeContext {
  lang: Lang;
  db: DB;
  /** the hearing's participation context (never a draft) */
  h: HearingContext;
  user: SessionUser;
}

/**
 * The guard of an office participation page: `action` (e.g. "comment.answer", "meeting.record")
 * in the hearing's municipality. Throws 302 to sign in, 403, and 404 for an unknown id or a draft
 * (drafts have no participation: their pages do not exist yet).
 */
export async function loadOfficeHearing(
  params: { lang?: string; id?: string },
  request: Request,
  action: Action,
): Promise<OfficeContext> {
  const lang = requireLang(params);
  const db = await getDb();
  const { user, hearing } = await requireHearing(
    request,
    db,
    idParam(request, params, "id"),
    action,
  );
  const h = await getHearingContext(db, hearing.id);
  if (!h) throw notFound(lang);
  return { lang, db, h, user };
}

/** The hearing as both pages' view models show it: title, lock, and what a comment may concern. */
export function officeHearingView(h: HearingContext, lang: Lang) {
  return {
    id: h.id,
    title: h.title[lang],
    locked: isLocked(h),
    tariffLines: h.tariffLines.map((l) => ({ id: l.id, label: lineLabel(l, lang) })),
    sections: h.sections.map((s) => ({ id: s.id, label: s.name[lang] })),
  };
}

/** One form intent of an office participation page: its schema, its one command, where to go. */
export interface OfficeIntent<S extends z.ZodType = z.ZodType, T = unknown> {
  schema: S;
  /** the command (`ip` for the audit log); a thrown DomainError becomes the form's refusal */
  run: (c: OfficeContext & { data: z.infer<S>; ip: string | null }) => Promise<T>;
  /** the URL to redirect to after success (path and hash), given the parsed form and the value */
  to: (c: OfficeContext & { data: z.infer<S>; request: Request }, value: T) => string;
}

/** Type helper: declares an intent so `run` and `to` see the schema's output type. */
export function officeIntent<S extends z.ZodType, T>(i: OfficeIntent<S, T>): OfficeIntent<S, T> {
  return i as OfficeIntent<S, T>;
}

/**
 * Runs the posted intent of an office participation page after the page's guard.
 *
 * @returns a redirect (302) to `to(…)` on success; `{ ok: false, intent, errors, values }`
 *   with 400 for an unknown intent or a bad form, the refusal's status for a refused command;
 *   throws 302 to sign in, 403 without `action`, 404 for an unknown hearing or a draft
 */
export async function runOfficeAction(
  args: { params: { lang?: string; id?: string }; request: Request; context: unknown },
  action: Action,
  // each intent has its own schema and value
  intents: Record<string, OfficeIntent<any, any>>,
) {
  const { params, request } = args;
  const c = await loadOfficeHearing(params, request, action);
  const t = tFor(params);
  const form = await readForm(request);
  const name = String(form.get("intent") ?? "");
  const spec = Object.hasOwn(intents, name) ? intents[name] : undefined;
  if (!spec) return invalidReply({ _form: [t("common:errors.invalidForm")] }, {}, name);
  const p = parseForm(form, spec.schema, t);
  if (!p.ok) return invalidReply(p.errors, p.values, name);
  const ip = clientIp(request, args.context as { ip?: string });
  const r = await attempt(c.lang, name, p.values, () => spec.run({ ...c, data: p.data, ip }));
  return r.ok ? redirect(spec.to({ ...c, data: p.data, request }, r.value)) : r.response;
}
