import { PageRefusal, ShownMessagesProvider } from "~/components/page-refusal";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ClientLoaderFunctionArgs } from "@remix-run/react";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { useMemo, type ReactNode } from "react";
import { I18nextProvider, useTranslation } from "react-i18next";
import { useNonce } from "./components/nonce";
import { Enhancements, useHydrates } from "./components/enhance";
import { SiteFooter, SiteHeader } from "./components/layout";
import { useRootData } from "./components/root-data";
import { getUser } from "./modules/auth/guards.server";
import { getDb } from "./modules/core/db.server";
import { countUnread } from "./modules/reach/queries.server";
import { DEFAULT_LANG, langFromPath, type Lang } from "./modules/i18n/config";
import { createI18n } from "./modules/i18n/instance";
import { namespaceRefs } from "./modules/i18n/resources.server";
import { instanceFor, loadNamespaces } from "./modules/i18n/store";
import { preferredLang } from "./modules/i18n/negotiate.server";
import { metaT } from "./modules/i18n/meta";
import { fallbackBundle } from "./modules/i18n/fallback";
import { namespacesFor, sectionOf } from "./modules/i18n/namespaces";
import appCss from "./styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: appCss },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = ({ matches, error, location }) => {
  const t = metaT(matches, location.pathname);
  const name = t("layout.portalName");
  if (!error) return [{ title: name }, { name: "description", content: t("layout.tagline") }];
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return [{ title: `${t(errorTitleKey(status))} · ${name}` }];
};

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const lang: Lang = langFromPath(url.pathname) ?? preferredLang(request);
  const user = await getUser(request);
  return {
    lang,
    // the URLs of the page's translation files (hashed, immutable), not their texts (ADR 0062)
    i18n: namespaceRefs(lang, namespacesFor(url.pathname)),
    user: user
      ? {
          id: user.id,
          displayName: user.displayName,
          isAdmin: user.isAdmin,
          municipalityId: user.municipalityId,
          roles: user.roles,
          verifiedIn: user.verifiedIn,
          unread: await countUnread(await getDb(), user.id),
        }
      : null,
  };
}

/** Before a navigation renders, the translation files it names that the browser lacks. */
export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  const data = await serverLoader<typeof loader>();
  await loadNamespaces(data.lang, data.i18n);
  return data;
}

// The bundle changes with the language and the section; the user only after a form submission.
export const shouldRevalidate: ShouldRevalidateFunction = ({
  currentUrl,
  nextUrl,
  formMethod,
  defaultShouldRevalidate,
}) => {
  if (formMethod && formMethod !== "GET") return defaultShouldRevalidate;
  return (
    langFromPath(currentUrl.pathname) !== langFromPath(nextUrl.pathname) ||
    sectionOf(currentUrl.pathname) !== sectionOf(nextUrl.pathname)
  );
};

export function Layout({ children }: { children: ReactNode }) {
  const data = useRootData();
  const location = useLocation();
  const nonce = useNonce();
  const hydrates = useHydrates();
  const lang = data?.lang ?? langFromPath(location.pathname) ?? DEFAULT_LANG;
  // without the root loader's bundle (it failed: an error page) the bundled common texts serve
  const i18n = useMemo(
    () => (data && instanceFor(lang, data.i18n)) ?? createI18n(lang, fallbackBundle(lang)),
    [lang, data],
  );
  return (
    <html lang={lang} dir="ltr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#0b5e55" />
        <Meta />
        <Links />
        {data && hydrates
          ? [...new Set(Object.values(data.i18n))].map((href) => (
              // fetched by entry.client before hydration; preloaded beside the scripts
              <link
                key={href}
                rel="preload"
                as="fetch"
                crossOrigin="anonymous"
                href={href}
                data-i18n-ns={Object.keys(data.i18n)
                  .filter((ns) => data.i18n[ns] === href)
                  .join(" ")}
              />
            ))
          : null}
      </head>
      <body>
        <I18nextProvider i18n={i18n}>
          <a className="skip-link" href="#main">
            {i18n.t("layout.skipToContent")}
          </a>
          <SiteHeader />
          <main id="main" className="container" tabIndex={-1}>
            <ShownMessagesProvider>
              {children}
              <PageRefusal />
            </ShownMessagesProvider>
          </main>
          <SiteFooter />
        </I18nextProvider>
        {hydrates ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : (
          <Enhancements nonce={nonce} />
        )}
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

/** The title key of an error page by its status: 404, 403, other refusals (4xx), failures. */
function errorTitleKey(status: number): string {
  if (status === 404) return "errors.notFoundTitle";
  if (status === 403) return "errors.forbiddenTitle";
  if (status >= 400 && status < 500) return "errors.badRequestTitle";
  return "errors.errorTitle";
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const title = t(errorTitleKey(status));
  // a refusal thrown as a Response carries its localized text (a short plain string)
  const own =
    isRouteErrorResponse(error) &&
    status >= 400 &&
    status < 500 &&
    typeof error.data === "string" &&
    error.data.length > 0 &&
    error.data.length < 500 &&
    /[^\t\n\r -~]/.test(error.data) // localized (Cyrillic), not an English stub
      ? error.data
      : null;
  const text =
    own ??
    (status === 404
      ? t("errors.notFoundText")
      : status === 403
        ? t("errors.forbidden")
        : status < 500
          ? t("errors.badRequest")
          : t("errors.errorText"));
  return (
    <div className="error-page">
      <h1>{title}</h1>
      <p>{text}</p>
      <p>
        <a href={`/${t("lang")}`}>{t("errors.backHome")}</a>
      </p>
    </div>
  );
}
