import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { I18nextProvider, useTranslation } from "react-i18next";
import { nowIso } from "~/modules/core/clock.server";
import { getDb } from "~/modules/core/db.server";
import { CALC_DEFAULTS, parseCalcInput } from "~/modules/hearings/calculator";
import { HearingContent } from "~/modules/hearings/components";
import { requireHearing } from "~/modules/hearings/guards.server";
import { getHearingView } from "~/modules/hearings/queries.server";
import { createI18n } from "~/modules/i18n/instance";
import { pageMeta } from "~/modules/i18n/meta";
import { bundleFor } from "~/modules/i18n/resources.server";
import { requireLang } from "~/modules/i18n/route.server";
import { notFound } from "~/modules/core/reply.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "office:preview.title");

/** The hearing as the public will see it, in both languages, for its officials (drafts too). */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const db = await getDb();
  const { hearing } = await requireHearing(request, db, params.id, "hearing.viewDraft");
  const id = hearing.id;
  const [ky, ru] = await Promise.all([getHearingView(db, id, "ky"), getHearingView(db, id, "ru")]);
  if (!ky || !ru) throw notFound(lang);
  const params2 = new URL(request.url).searchParams;
  // each pane shows the public page's labels in its own language
  const bundles = { ky: bundleFor("ky").hearings, ru: bundleFor("ru").hearings };
  return {
    ky,
    ru,
    bundles,
    now: nowIso(),
    calcInput: params2.has("hh") ? parseCalcInput(params2) : CALC_DEFAULTS,
  };
}

export default function Preview() {
  const { ky, ru, bundles, now, calcInput } = useLoaderData<typeof loader>();
  const i18nKy = useMemo(() => createI18n("ky", { hearings: bundles.ky }), [bundles.ky]);
  const i18nRu = useMemo(() => createI18n("ru", { hearings: bundles.ru }), [bundles.ru]);
  const { t, i18n } = useTranslation("office");
  const lang = i18n.language;
  return (
    <>
      <p>
        <Link to={`/${lang}/office/hearings/${ky.id}`}>{t("preview.back")}</Link>
      </p>
      <h1>{t("preview.heading")}</h1>
      <div className="preview-grid">
        <section aria-label="Кыргызча" className="preview-pane" data-testid="preview-ky">
          <I18nextProvider i18n={i18nKy}>
            <HearingContent
              view={ky}
              nowIso={now}
              lang="ky"
              calcInput={calcInput}
              headingLevel={2}
              idPrefix="ky-"
            />
          </I18nextProvider>
        </section>
        <section aria-label="Русский" className="preview-pane" data-testid="preview-ru">
          <I18nextProvider i18n={i18nRu}>
            <HearingContent
              view={ru}
              nowIso={now}
              lang="ru"
              calcInput={null}
              headingLevel={2}
              idPrefix="ru-"
            />
          </I18nextProvider>
        </section>
      </div>
    </>
  );
}
