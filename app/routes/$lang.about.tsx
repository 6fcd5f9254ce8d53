import { htmlOnly, loadAsDocument } from "~/components/enhance";
import type { MetaFunction } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { pageMeta } from "~/modules/i18n/meta";

/** Served as HTML with no client runtime (ADR 0067), also when a client navigation leads here. */
export const handle = htmlOnly;
export const clientLoader = loadAsDocument;

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "places:about.title");

export default function About() {
  const { t } = useTranslation("places");
  return (
    <>
      <h1>{t("about.title")}</h1>
      <p>{t("about.p1")}</p>
      <p>{t("about.p2")}</p>
      <p>{t("about.p3")}</p>
    </>
  );
}
