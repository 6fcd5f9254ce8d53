/** Helpers for the officials' routes: the guard scoped to the hearing's municipality, error replies. */
import { data } from "@remix-run/node";
import type { DB } from "#db/connection";
import type { Action } from "../auth/permissions";
import { requirePermission } from "../auth/guards.server";
import type { FieldErrors, FormValues } from "../forms/validate.server";
import type { Lang } from "../i18n/config";
import { getFixedT } from "../i18n/resources.server";
import { HearingError } from "./errors";

export async function requireHearingPermission(
  request: Request,
  db: DB,
  id: number,
  action: Action,
) {
  const h = Number.isInteger(id)
    ? await db
        .selectFrom("hearings")
        .select(["id", "municipality_id"])
        .where("id", "=", id)
        .executeTakeFirst()
    : undefined;
  if (!h) throw new Response("Not found", { status: 404 });
  const user = await requirePermission(request, action, { municipalityId: h.municipality_id });
  return { user, municipalityId: h.municipality_id };
}

export type ActionReply = {
  ok: boolean;
  intent: string;
  errors?: FieldErrors;
  values?: FormValues;
  done?: string;
};

/** A refused command → 400 (or its status) with the localized message on its field. */
export function refusal(e: unknown, lang: Lang, intent: string, values: FormValues) {
  if (!(e instanceof HearingError)) throw e;
  if (e.status === 403 || e.status === 404) throw new Response(e.key, { status: e.status });
  const t = getFixedT(lang, "hearings");
  const params: Record<string, string | number> = { ...e.params };
  if (typeof params.date === "string" && /^\d{4}-/.test(params.date))
    params.date = new Date(params.date).toISOString().slice(0, 10);
  const errors: Record<string, string[]> = e.problems.length
    ? Object.fromEntries(e.problems.map((x) => [x.field, [t(x.key, x.params ?? {}) as string]]))
    : { [e.field]: [t(e.key, params) as string] };
  return data<ActionReply>({ ok: false, intent, errors, values }, { status: e.status });
}
