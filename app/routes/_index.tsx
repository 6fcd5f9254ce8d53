import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { preferredLang } from "~/modules/i18n/negotiate.server";

// "/" → "/ky" or "/ru": by the lang cookie, then Accept-Language, else Kyrgyz.
export function loader({ request }: LoaderFunctionArgs) {
  return redirect(`/${preferredLang(request)}`, {
    status: 302,
    headers: { Vary: "Cookie, Accept-Language" },
  });
}
