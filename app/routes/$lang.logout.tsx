import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { signOut } from "~/modules/auth/commands.server";
import { getSession } from "~/modules/auth/guards.server";
import { metaOf } from "~/modules/auth/http.server";
import { clearSessionCookie } from "~/modules/auth/session.server";
import { env } from "~/modules/core/env.server";
import { getDb } from "~/modules/core/db.server";
import { requireLang } from "~/modules/i18n/route.server";

// Signing out is a POST (the header's form); a GET only goes home.
export function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/${requireLang(params)}`);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const s = await getSession(request);
  if (s) await signOut(await getDb(), s.session.id, s.user.id, metaOf(request, context));
  return redirect(`/${lang}`, {
    headers: { "Set-Cookie": clearSessionCookie(env().secureCookies) },
  });
}
