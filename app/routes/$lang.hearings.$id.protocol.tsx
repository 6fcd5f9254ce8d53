import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getUser } from "~/modules/auth/guards.server";
import { getDb } from "~/modules/core/db.server";
import { pageMeta } from "~/modules/i18n/meta";
import { useLang } from "~/modules/i18n/hooks";
import { requireLang } from "~/modules/i18n/route.server";
import { notFound, parseId } from "~/modules/protocol/http.server";
import { FileLinks, ProtocolBlocks } from "~/modules/protocol/ProtocolView";
import { protocolPage } from "~/modules/protocol/view.server";

export const meta: MetaFunction<typeof loader> = ({ matches }) =>
  pageMeta(matches, "protocol:public.title");

/** The protocol in the page's language: approved ones for everyone, the others only for the
 * municipality's officials and council (a preview). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const id = parseId(params.id);
  if (id == null) throw notFound(lang);
  const page = await protocolPage(await getDb(), await getUser(request), id, lang);
  if (!page) throw notFound(lang);
  return { view: page.view };
}

export default function HearingProtocol() {
  const { view } = useLoaderData<typeof loader>();
  const { t } = useTranslation("protocol");
  const lang = useLang();
  return (
    <section aria-labelledby="protocol-heading" className="protocol-page">
      <h2 id="protocol-heading">{t("public.title")}</h2>
      <p className="muted">{view.hearingTitle}</p>
      {view.version == null ? (
        <p>{t("public.notYet")}</p>
      ) : (
        <>
          <p>
            <span className={`protocol-state protocol-state-${view.state}`}>{view.stateLabel}</span>
          </p>
          <h3 className="visually-hidden">{t("files.heading")}</h3>
          <FileLinks title={t("files.heading")} links={view.links} />
          {view.verificationCode ? (
            <p>
              <Link to={`/${lang}/verify/${view.verificationCode}`}>{t("public.verifyLink")}</Link>
            </p>
          ) : null}
          <ProtocolBlocks blocks={view.blocks} />
        </>
      )}
    </section>
  );
}
