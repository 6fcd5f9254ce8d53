import { Breadcrumbs } from "~/components/breadcrumbs";
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Alert, Button, Field, TextareaField } from "~/components/ui";
import { clientIp } from "~/modules/audit/audit.server";
import { requirePermission, requireUser } from "~/modules/auth/guards.server";
import { getDb } from "~/modules/core/db.server";
import { invalidReply, refusal } from "~/modules/core/reply.server";
import { parseForm } from "~/modules/forms/validate.server";
import { useLang } from "~/modules/i18n/hooks";
import { pageMeta } from "~/modules/i18n/meta";
import { getFixedT } from "~/modules/i18n/resources.server";
import { requireLang } from "~/modules/i18n/route.server";
import { decideProtocol } from "~/modules/protocol/commands.server";
import { notFound, parseId } from "~/modules/protocol/http.server";
import { VersionsTable } from "~/modules/protocol/VersionsTable";
import { FileLinks, ProtocolBlocks } from "~/modules/protocol/ProtocolView";
import { getHearingInfo, protocolHearingId } from "~/modules/protocol/queries.server";
import { decideRefusal } from "~/modules/protocol/policy";
import { decisionSchema } from "~/modules/protocol/schemas";
import { protocolPage, versionList } from "~/modules/protocol/view.server";
import { approvalEffectiveDefault } from "~/modules/tariffs/queries.server";
import { dmy } from "~/modules/tariffs/components";
import { readForm } from "~/modules/forms/read.server";

export const meta: MetaFunction<typeof loader> = ({ matches }) =>
  pageMeta(matches, "protocol:council.readDoc");

async function guard(request: Request, params: { lang?: string; protocolId?: string }) {
  const lang = requireLang(params);
  const id = parseId(params.protocolId);
  if (id == null) throw notFound(lang);
  await requireUser(request);
  const db = await getDb();
  const hearingId = await protocolHearingId(db, id);
  if (hearingId == null) throw notFound(lang);
  const h = (await getHearingInfo(db, hearingId))!;
  const user = await requirePermission(request, "protocol.councilRead", {
    municipalityId: h.municipalityId,
  });
  return { lang, id, db, user, hearingId, municipalityId: h.municipalityId };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { lang, db, user, hearingId, municipalityId } = await guard(request, params);
  const page = (await protocolPage(db, user, hearingId, lang))!;
  const current = page.hp.versions[0];
  return {
    view: page.view,
    number: page.hp.protocol!.number,
    versions: versionList(page.hp, lang, user),
    // the protocol policy's answer, the same the command refuses with
    canDecide:
      decideRefusal(
        user,
        { municipalityId, state: page.hp.hearing.state },
        page.hp.protocol!.state,
        { decided: !!current?.decision, submitted: !!current?.submitted_at },
      ) === null,
    effectiveDefault: await approvalEffectiveDefault(db, hearingId),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { lang, id, db } = await guard(request, params);
  const ids = await getHearingInfo(db, (await protocolHearingId(db, id))!);
  const user = await requirePermission(request, "protocol.decide", {
    municipalityId: ids!.municipalityId,
  });
  const form = await readForm(request);
  const parsed = parseForm(form, decisionSchema, getFixedT(lang));
  if (!parsed.ok) return invalidReply(parsed.errors, parsed.values);
  const f = parsed.data;
  const anyVote = [f.deputiesFor, f.deputiesAgainst, f.deputiesAbstain].some((x) => x);
  try {
    await decideProtocol(
      db,
      user,
      id,
      f.decision === "approve"
        ? {
            decision: "approve",
            resolutionNumber: f.resolutionNumber!,
            resolutionDate: f.resolutionDate!,
            effectiveFrom: f.effectiveFrom || null,
            deputies: anyVote
              ? {
                  for: Number(f.deputiesFor || 0),
                  against: Number(f.deputiesAgainst || 0),
                  abstain: Number(f.deputiesAbstain || 0),
                }
              : null,
          }
        : { decision: "return", comments: f.returnComments! },
      { ip: clientIp(request, context as { ip?: string }) },
    );
  } catch (e) {
    return refusal(e, lang, undefined, parsed.values);
  }
  return redirect(`/${lang}/council/protocols/${id}?done=1`);
}

export default function CouncilProtocol() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const { t } = useTranslation("protocol");
  const lang = useLang();
  const [sp] = useSearchParams();
  const values: Record<string, string> = a?.values ?? {};
  const errors: Record<string, string[]> = a?.errors ?? {};
  const decision = values.decision ?? "approve";
  return (
    <>
      <Breadcrumbs items={[{ label: t("council.title"), to: `/${lang}/council` }]} />
      <h1>{t("council.protocolTitle", { number: d.number })}</h1>
      <p className="muted">{d.view.hearingTitle}</p>
      <p>
        <strong>{d.view.stateLabel}</strong>
      </p>
      {sp.get("done") ? <Alert tone="success">{t("council.recorded")}</Alert> : null}
      {errors._form ? <Alert tone="error">{errors._form[0]}</Alert> : null}
      <FileLinks title={t("files.heading")} links={d.view.links} />

      {d.canDecide ? (
        <section aria-labelledby="decision-heading">
          <h2 id="decision-heading">{t("council.decisionHeading")}</h2>
          <Form method="post" noValidate>
            <fieldset>
              <legend>{t("council.decision")}</legend>
              <label className="check">
                <input
                  type="radio"
                  name="decision"
                  value="approve"
                  defaultChecked={decision === "approve"}
                />{" "}
                {t("council.approve")}
              </label>
              <label className="check">
                <input
                  type="radio"
                  name="decision"
                  value="return"
                  defaultChecked={decision === "return"}
                />{" "}
                {t("council.return")}
              </label>
              {errors.decision ? <p className="field-error">{errors.decision.join(" ")}</p> : null}
            </fieldset>
            <div className="grid-2">
              <Field
                label={t("council.resolutionNumber")}
                name="resolutionNumber"
                defaultValue={values.resolutionNumber ?? ""}
                errors={errors.resolutionNumber}
                autoComplete="off"
              />
              <Field
                label={t("council.resolutionDate")}
                name="resolutionDate"
                type="date"
                defaultValue={values.resolutionDate ?? ""}
                errors={errors.resolutionDate}
              />
            </div>
            {d.effectiveDefault ? (
              <Field
                label={t("tariffs:effectiveFrom")}
                hint={t("tariffs:effectiveHint", { date: dmy(d.effectiveDefault) })}
                name="effectiveFrom"
                type="date"
                defaultValue={values.effectiveFrom ?? ""}
                errors={errors.effectiveFrom}
              />
            ) : null}
            <fieldset>
              <legend>{t("council.deputiesVote")}</legend>
              <div className="grid-2">
                <Field
                  label={t("council.deputiesFor")}
                  name="deputiesFor"
                  inputMode="numeric"
                  defaultValue={values.deputiesFor ?? ""}
                  errors={errors.deputiesFor}
                />
                <Field
                  label={t("council.deputiesAgainst")}
                  name="deputiesAgainst"
                  inputMode="numeric"
                  defaultValue={values.deputiesAgainst ?? ""}
                  errors={errors.deputiesAgainst}
                />
                <Field
                  label={t("council.deputiesAbstain")}
                  name="deputiesAbstain"
                  inputMode="numeric"
                  defaultValue={values.deputiesAbstain ?? ""}
                  errors={errors.deputiesAbstain}
                />
              </div>
            </fieldset>
            <TextareaField
              label={t("council.returnComments")}
              name="returnComments"
              rows={4}
              defaultValue={values.returnComments ?? ""}
              errors={errors.returnComments}
            />
            <div className="form-actions">
              <Button>{t("council.record")}</Button>
            </div>
          </Form>
        </section>
      ) : null}

      <VersionsTable versions={d.versions} audience="council" />

      <section aria-labelledby="doc-heading">
        <h2 id="doc-heading">{t("council.readDoc")}</h2>
        <ProtocolBlocks blocks={d.view.blocks} />
      </section>
    </>
  );
}
