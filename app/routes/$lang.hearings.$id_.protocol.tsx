import { htmlOnly, loadAsDocument } from "~/components/enhance";
import { Breadcrumbs } from "~/components/breadcrumbs";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getUser } from "~/modules/auth/guards.server";
import { getDb } from "~/modules/core/db.server";
import { mayView } from "~/modules/hearings/queries.server";
import { pageMeta } from "~/modules/i18n/meta";
import { useLang } from "~/modules/i18n/hooks";
import { requireLang } from "~/modules/i18n/route.server";
import { notFound, parseId } from "~/modules/protocol/http.server";
import { FileLinks, ProtocolBlocks } from "~/modules/protocol/ProtocolView";
import { protocolPage } from "~/modules/protocol/view.server";

/** Served as HTML with no client runtime (ADR 0067), also when a client navigation leads here. */
export const handle = htmlOnly;
export const clientLoader = loadAsDocument;

export const meta: MetaFunction<typeof loader> = ({ matches }) =>
  pageMeta(matches, "protocol:public.title");

/**
 * The protocol page is the protocol (not nested in the hearing page): its title, state, the
 * council's decision, the downloads and the text come first; the hearing is one link away.
 * Approved protocols for everyone, the others only for the municipality's officials and council
 * (a preview); a draft hearing's page is hidden from everyone else (404).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const id = parseId(params.id);
  if (id == null) throw notFound(lang);
  const user = await getUser(request);
  const page = await protocolPage(await getDb(), user, id, lang);
  if (
    !page ||
    !mayView(user, { state: page.view.hearingState, municipalityId: page.view.municipalityId })
  )
    throw notFound(lang);
  return { view: page.view };
}

export default function HearingProtocol() {
  const { view } = useLoaderData<typeof loader>();
  const { t } = useTranslation("protocol");
  const lang = useLang();
  const hearingHref = `/${lang}/hearings/${view.hearingId}`;
  return (
    <article aria-labelledby="protocol-heading" className="protocol-page">
      <Breadcrumbs
        items={[
          { label: t("common:layout.home"), to: `/${lang}` },
          { label: view.municipalityName, to: `/${lang}/m/${view.municipalitySlug}` },
          { label: t("public.hearingLink"), to: hearingHref },
        ]}
      />
      <h1 id="protocol-heading">{t("public.title")}</h1>
      <p className="protocol-of">{view.hearingTitle}</p>
      {view.version == null ? (
        <p>{t("public.notYet")}</p>
      ) : (
        <>
          <p>
            <span className={`protocol-state protocol-state-${view.state}`}>{view.stateLabel}</span>
          </p>
          {view.decision ? (
            <p className="protocol-decision">
              <strong>{t("public.decision")}:</strong> {view.decision}
            </p>
          ) : null}
          <h2 className="visually-hidden">{t("files.heading")}</h2>
          <FileLinks title={t("files.heading")} links={view.links} />
          {view.verificationCode ? (
            <p>
              <Link to={`/${lang}/verify/${view.verificationCode}`}>{t("public.verifyLink")}</Link>
              {view.approved && view.hearingType === "tariff" ? (
                <>
                  {" · "}
                  <Link to={`/${lang}/m/${view.municipalitySlug}/tariffs`}>
                    {t("tariffs:registerLink")}
                  </Link>
                </>
              ) : null}
            </p>
          ) : null}
          <h2 className="visually-hidden">{t("public.text")}</h2>
          <ProtocolBlocks blocks={view.blocks} />
        </>
      )}
      <p>
        <Link to={hearingHref}>{t("public.toHearing")}</Link>
      </p>
    </article>
  );
}
