import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireUser } from "~/modules/auth/guards.server";
import { getDb } from "~/modules/core/db.server";
import { requireLang } from "~/modules/i18n/route.server";
import { getMunicipalityBySlug } from "~/modules/places/queries.server";
import { subscribe, unsubscribeMunicipality } from "~/modules/reach/commands.server";
import { municipalityPath } from "~/modules/reach/links";
import { DomainError } from "~/modules/core/errors";
import { notFound, refusalPage } from "~/modules/core/reply.server";
import { readForm } from "~/modules/forms/read.server";

const schema = z.object({ intent: z.enum(["subscribe", "unsubscribe"]) });

// GET: nothing to show here, back to the municipality page.
export function loader({ params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  return redirect(municipalityPath(lang, params.slug ?? ""));
}

// POST intent=subscribe|unsubscribe: follow or stop following the municipality.
export async function action({ params, request }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const user = await requireUser(request);
  const db = await getDb();
  const m = await getMunicipalityBySlug(db, params.slug ?? "", lang);
  if (!m) throw notFound(lang);
  const parsed = schema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return refusalPage(lang, new DomainError("common:errors.invalidForm"));
  if (parsed.data.intent === "subscribe") await subscribe(db, user.id, m.id);
  else await unsubscribeMunicipality(db, user.id, m.id);
  return redirect(municipalityPath(lang, m.slug), 303);
}
