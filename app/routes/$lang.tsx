import { Outlet } from "@remix-run/react";
import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { readCookie } from "~/modules/auth/session.server";
import { LANG_COOKIE } from "~/modules/i18n/config";
import { langCookie } from "~/modules/i18n/negotiate.server";
import { requireLang } from "~/modules/i18n/route.server";

// Every page lives under /ky or /ru; the choice is remembered for "/".
export function loader({ params, request }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const remembered = readCookie(request, LANG_COOKIE);
  return data(
    null,
    remembered === lang ? undefined : { headers: { "Set-Cookie": langCookie(lang) } },
  );
}

export default function LangLayout() {
  return <Outlet />;
}
