/**
 * The officials' edit pages of one hearing (`/office/hearings/{id}/…`, see docs/architecture.md
 * "Routes by intent"): each nested route declares its intents and this runs them the same way —
 * guard (hearing.edit in the hearing's municipality, plus the intent's own permission) → parse
 * (the intent's zod schema) → one command → reply (`ActionReply`). Refusals go through the one
 * reply helper (`~/modules/core/reply.server`), never a route's own.
 */
import type { z } from "zod";
import type { Actor, Action } from "../auth/permissions";
import { getDb } from "../core/db.server";
import { formValues, parseForm } from "../forms/validate.server";
import type { Lang } from "../i18n/config";
import { requireLang, tFor } from "../i18n/route.server";
import type { DB } from "#db/connection";
import { invalidReply, notFound, refusal } from "../core/reply.server";
import { requireHearing } from "./guards.server";
import { partApplies, type EditPart } from "./policy";
import { getHearingForEdit } from "./queries.server";
import { DomainError } from "../core/errors";
import { readForm } from "../forms/read.server";
import { toId } from "../http/ids";

/** What an intent's command gets: the parsed form (`data`), the raw form for ids and files. */
export interface IntentContext<T> {
  db: DB;
  user: Actor;
  /** the hearing id from the URL */
  id: number;
  lang: Lang;
  form: FormData;
  data: T;
}

/** One form intent of an edit page: its schema, an extra permission, its one command. */
export interface EditIntent<S extends z.ZodType = z.ZodType> {
  /** checked in the hearing's municipality after `hearing.edit` (e.g. "hearing.announce") */
  permission?: Action;
  /** parses the form; without one the command reads the ids it needs from `form` */
  schema?: S;
  /** the command; a thrown DomainError becomes a localized refusal on its field */
  run: (c: IntentContext<z.infer<S>>) => Promise<unknown>;
  /** the `edit.done.*` key shown on success (default "saved") */
  done?: string;
}

/** Type helper: declares an intent so `run` sees the schema's output type. */
export function intent<S extends z.ZodType>(i: EditIntent<S>): EditIntent<S> {
  return i;
}

/**
 * Runs the posted intent of an edit page.
 *
 * @param args     the route action's params (`lang`, `id`) and request
 * @param intents  the page's intents by the form's `intent` value
 * @param read     how the body is read (default `readForm(request)`); a DomainError it throws
 *                 (e.g. upload.tooLarge) is reported under `read.intent`
 * @returns `{ ok: true, intent, done, anchor? }` (200; `anchor` is the form's `_anchor` unless it
 *          sent `_notice=page`), `{ ok: false, intent, errors, values }` (400 for a
 *          bad form or an unknown intent, the refusal's status otherwise); throws 302 to sign in,
 *          403 without permission, 404 for an unknown hearing
 */
export async function runEditAction(
  args: { params: { lang?: string; id?: string }; request: Request },
  intents: Record<string, EditIntent>,
  read?: { intent: string; form: (request: Request) => Promise<FormData> },
) {
  const { params, request } = args;
  const lang = requireLang(params);
  const t = tFor(params);
  const db = await getDb();
  const { user, hearing } = await requireHearing(request, db, params.id, "hearing.edit");
  const id = hearing.id;
  let form: FormData;
  try {
    form = read ? await read.form(request) : await readForm(request);
  } catch (e) {
    return refusal(e, lang, read?.intent ?? "", {});
  }
  const name = String(form.get("intent") ?? "");
  const values = formValues(form);
  const spec = Object.hasOwn(intents, name) ? intents[name] : undefined;
  if (!spec) return invalidReply({ _form: [t("common:errors.invalidForm")] }, values, name);
  if (spec.permission) await requireHearing(request, db, id, spec.permission);
  const parsed = spec.schema ? parseForm(form, spec.schema, t) : { ok: true as const, data: {} };
  if (!parsed.ok) return invalidReply(parsed.errors, values, name);
  try {
    await spec.run({ db, user, id, lang, form, data: parsed.data });
  } catch (e) {
    return refusal(e, lang, name, values);
  }
  // the form still on the page shows the notice itself (EditForm); a gone one leaves it to the top
  const anchor = form.get("_notice") === "page" ? undefined : form.get("_anchor");
  return {
    ok: true as const,
    intent: name,
    done: spec.done ?? "saved",
    ...(typeof anchor === "string" && anchor ? { anchor } : {}),
  };
}

/** The hearing as the edit pages show it: its row (both languages), parts, and `editable`. */
export type EditView = NonNullable<Awaited<ReturnType<typeof getHearingForEdit>>> & {
  /** false once the hearing is closed or cancelled (then the pages only list) */
  editable: boolean;
};

/**
 * Loads the hearing for an edit page after the same guard as the action (`hearing.edit` in its
 * municipality: 302 to sign in, 403, 404 — also for a `part` the hearing's type does not have,
 * policy `partApplies`). Returns `db` for further reads, the signed-in `user`
 * (for the policy's answers) and the `view`.
 */
export async function loadForEdit(
  args: {
    params: { lang?: string; id?: string };
    request: Request;
  },
  part?: EditPart,
): Promise<{ db: DB; user: Actor; view: EditView }> {
  const lang = requireLang(args.params);
  const db = await getDb();
  const { user, hearing } = await requireHearing(args.request, db, args.params.id, "hearing.edit");
  const h = await getHearingForEdit(db, hearing.id);
  if (!h || (part && !partApplies(part, h.hearing.type))) throw notFound(lang);
  return { db, user, view: { ...h, editable: h.state !== "closed" && h.state !== "cancelled" } };
}

/**
 * A form field holding a row id (lineId, sectionId …): 1 … 2^31 − 1 (`toId`); anything else is
 * refused with a DomainError 400 on the field (a hidden field: a tampered or broken request).
 */
export function idField(form: FormData, name: string): number {
  const id = toId(form.get(name));
  if (id === null) throw new DomainError("hearings:validation.required", {}, 400, name);
  return id;
}
