import { Form, Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LANGS, switchLangPath, type Lang } from "~/modules/i18n/config";
import { NotificationsLink } from "~/modules/reach/NotificationsLink";
import { useRootData } from "./root-data";

/** The language switch: plain links to the same path in the other language (no JavaScript needed). */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const current = i18n.language as Lang;
  return (
    <nav className="lang-switch" aria-label={t("layout.languageSwitch")}>
      <ul>
        {LANGS.map((l) => (
          <li key={l}>
            {l === current ? (
              <span aria-current="true" lang={l}>
                {t(`layout.langName.${l}`)}
              </span>
            ) : (
              <a href={switchLangPath(location.pathname, location.search, l)} hrefLang={l} lang={l}>
                {t(`layout.langName.${l}`)}
              </a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function MunicipalityPicker() {
  const { t, i18n } = useTranslation();
  return (
    <Form method="get" action={`/${i18n.language}/m`} className="picker" role="search">
      <label htmlFor="picker-q" className="visually-hidden">
        {t("layout.pickerLabel")}
      </label>
      <input
        id="picker-q"
        name="q"
        type="search"
        placeholder={t("layout.pickerPlaceholder")}
        autoComplete="off"
        maxLength={100}
      />
      <button type="submit" className="btn btn-small">
        {t("layout.pickerSubmit")}
      </button>
    </Form>
  );
}

export function SiteHeader() {
  const { t, i18n } = useTranslation();
  const data = useRootData();
  const user = data?.user;
  const lang = i18n.language;
  const isOfficial = !!user?.roles.some((r) => r.role === "official");
  const isCouncil = !!user?.roles.some(
    (r) => r.role === "council_secretary" || r.role === "council_member",
  );
  return (
    <header className="site-header">
      <div className="container header-row">
        <Link to={`/${lang}`} className="brand" prefetch="intent">
          <span className="brand-name">{t("layout.portalName")}</span>
          <span className="brand-tagline">{t("layout.tagline")}</span>
        </Link>
        <LanguageSwitch />
      </div>
      <div className="container header-row header-tools">
        <MunicipalityPicker />
        <nav aria-label={t("layout.accountMenu")} className="account-nav">
          <ul>
            {user ? (
              <>
                {isOfficial ? (
                  <li>
                    <Link to={`/${lang}/office`}>{t("layout.office")}</Link>
                  </li>
                ) : null}
                {isCouncil ? (
                  <li>
                    <Link to={`/${lang}/council`}>{t("layout.council")}</Link>
                  </li>
                ) : null}
                {user.isAdmin ? (
                  <li>
                    <Link to={`/${lang}/admin`}>{t("layout.admin")}</Link>
                  </li>
                ) : null}
                <li>
                  <NotificationsLink count={user.unread} />
                </li>
                <li>
                  <Link to={`/${lang}/account`}>
                    <bdi>{user.displayName}</bdi>
                  </Link>
                </li>
                <li>
                  <Form method="post" action={`/${lang}/logout`}>
                    <button type="submit" className="link-button">
                      {t("layout.signOut")}
                    </button>
                  </Form>
                </li>
              </>
            ) : (
              <>
                <li>
                  <Link to={`/${lang}/login`}>{t("layout.signIn")}</Link>
                </li>
                <li>
                  <Link to={`/${lang}/register`}>{t("layout.register")}</Link>
                </li>
              </>
            )}
          </ul>
        </nav>
      </div>
    </header>
  );
}

export function SiteFooter() {
  const { t, i18n } = useTranslation();
  return (
    <footer className="site-footer">
      <div className="container">
        <p>{t("layout.footerAbout")}</p>
        <p>
          <a href={`/${i18n.language}/about`}>{t("layout.aboutLink")}</a> ·{" "}
          <a href="/api/v1/municipalities">{t("layout.openData")}</a>
        </p>
      </div>
    </footer>
  );
}
