import {
  data,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { OfficeHearingNav } from "~/modules/hearings/OfficeNav";
import { Form, Link, Outlet, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Alert, Button, Field, SelectField, Table, TextareaField } from "~/components/ui";
import { getDb } from "~/modules/core/db.server";
import { env } from "~/modules/core/env.server";
import { formatAmount, formatDate, formatMoney } from "~/modules/format/format";
import { toBishkekDateInput, toBishkekTimeInput } from "~/modules/format/time";
import { formValues, parseForm } from "~/modules/forms/validate.server";
import { CATEGORIES, FUNDING_SOURCES, SERVICES, UNITS } from "~/modules/hearings/catalog";
import * as cmd from "~/modules/hearings/commands.server";
import { StateTag } from "~/modules/hearings/components";
import { DomainError } from "~/modules/core/errors";
import {
  refusal,
  requireHearingPermission,
  type ActionReply,
} from "~/modules/hearings/office.server";
import { getHearingForEdit, getHearingHeader, mayView } from "~/modules/hearings/queries.server";
import { requireUser } from "~/modules/auth/guards.server";
import { earliestClose as earliestClose_ } from "~/modules/hearings/schedule";
import {
  cancelSchema,
  detailsSchema,
  lineSchema,
  projectEditSchema,
  projectSchema,
  questionSchema,
  sectionSchema,
} from "~/modules/hearings/schemas";
import { pageMeta } from "~/modules/i18n/meta";
import { requireLang, tFor } from "~/modules/i18n/route.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "office:edit.title");

export async function loader({ params, request }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const id = Number(params.id);
  const db = await getDb();
  // Under /office/hearings/{id}/… (other features' pages: comments, meeting, protocol) this route
  // is only their frame: a header and <Outlet />; each child checks its own permission.
  const path = new URL(request.url).pathname.replace(/\/$/, "");
  if (path !== `/${lang}/office/hearings/${params.id}`) {
    const user = await requireUser(request);
    const header = await getHearingHeader(db, id, lang);
    if (!header || !mayView(user, header)) throw new Response("Not found", { status: 404 });
    return { mode: "frame" as const, header };
  }
  await requireHearingPermission(request, db, id, "hearing.edit");
  const h = await getHearingForEdit(db, id);
  if (!h) throw new Response("Not found", { status: 404 });
  const missing = h.state === "draft" ? await cmd.announceProblems(db, h.hearing) : [];
  const earliestClose =
    h.hearing.comment_start_at && h.state === "open"
      ? earliestClose_(new Date(h.hearing.comment_start_at), Number(h.hearing.m_min_comment_days))
      : null;
  return {
    mode: "edit" as const,
    ...h,
    missing,
    earliestClose: earliestClose ? earliestClose.toISOString() : null,
    maxMb: Math.round(env().UPLOAD_MAX_BYTES / 1024 / 1024),
  };
}

const PERMISSION = {
  announce: "hearing.announce",
  close: "hearing.close",
  cancel: "hearing.cancel",
} as const;

export async function action({ params, request }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const id = Number(params.id);
  const db = await getDb();
  const t = tFor(params);
  const isMultipart = (request.headers.get("content-type") ?? "").startsWith("multipart/form-data");
  const { user } = await requireHearingPermission(request, db, id, "hearing.edit");
  let form: FormData;
  if (isMultipart) {
    const maxBytes = env().UPLOAD_MAX_BYTES;
    const declared = Number(request.headers.get("content-length") ?? 0);
    const tooLarge = () =>
      refusal(
        new DomainError(
          "hearings:upload.tooLarge",
          { max: Math.round(maxBytes / 1024 / 1024) },
          400,
          "file",
        ),
        lang,
        "upload",
        {},
      );
    if (declared > maxBytes + 64 * 1024) return tooLarge();
    try {
      form = await unstable_parseMultipartFormData(
        request,
        unstable_createMemoryUploadHandler({ maxPartSize: maxBytes }),
      );
    } catch (e) {
      if (e instanceof MaxPartSizeExceededError) return tooLarge();
      throw e;
    }
  } else form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  if (PERMISSION[intent as keyof typeof PERMISSION])
    await requireHearingPermission(request, db, id, PERMISSION[intent as keyof typeof PERMISSION]);
  const values = formValues(form);
  const bad = (errors: Record<string, string[]>) =>
    data<ActionReply>({ ok: false, intent, errors, values }, { status: 400 });
  const ok = (done = "saved") => data<ActionReply>({ ok: true, intent, done });
  try {
    switch (intent) {
      case "details": {
        const p = parseForm(form, detailsSchema, t);
        if (!p.ok) return bad(p.errors);
        const d = p.data;
        await cmd.updateDetails(db, user, id, {
          ...d,
          initiatorNameKy: d.initiatorNameKy || null,
          initiatorNameRu: d.initiatorNameRu || null,
          meetingPlaceKy: d.meetingPlaceKy || null,
          meetingPlaceRu: d.meetingPlaceRu || null,
        });
        return ok();
      }
      case "addLine": {
        const p = parseForm(form, lineSchema, t);
        if (!p.ok) return bad(p.errors);
        await cmd.addTariffLine(db, user, id, p.data);
        return ok();
      }
      case "updateLine": {
        const p = parseForm(form, lineSchema, t);
        if (!p.ok) return bad(p.errors);
        await cmd.updateTariffLine(db, user, id, Number(form.get("lineId")), p.data);
        return ok();
      }
      case "removeLine":
        await cmd.removeTariffLine(db, user, id, Number(form.get("lineId")));
        return ok();
      case "addSection": {
        const p = parseForm(form, sectionSchema, t);
        if (!p.ok) return bad(p.errors);
        await cmd.addPlanSection(db, user, id, p.data);
        return ok();
      }
      case "updateSection": {
        const p = parseForm(form, sectionSchema, t);
        if (!p.ok) return bad(p.errors);
        await cmd.updatePlanSection(db, user, id, Number(form.get("sectionId")), p.data);
        return ok();
      }
      case "removeSection":
        await cmd.removePlanSection(db, user, id, Number(form.get("sectionId")));
        return ok();
      case "addProject": {
        const p = parseForm(form, projectSchema, t);
        if (!p.ok) return bad(p.errors);
        await cmd.addPlanProject(db, user, id, p.data);
        return ok();
      }
      case "updateProject": {
        const p = parseForm(form, projectEditSchema, t);
        if (!p.ok) return bad(p.errors);
        await cmd.updatePlanProject(db, user, id, Number(form.get("projectId")), p.data);
        return ok();
      }
      case "removeProject":
        await cmd.removePlanProject(db, user, id, Number(form.get("projectId")));
        return ok();
      case "addQuestion": {
        const p = parseForm(form, questionSchema, t);
        if (!p.ok) return bad(p.errors);
        await cmd.addQuestion(db, user, id, {
          ...p.data,
          tariffLineId: p.data.tariffLineId ?? null,
        });
        return ok();
      }
      case "removeQuestion":
        await cmd.removeQuestion(db, user, id, Number(form.get("questionId")));
        return ok();
      case "upload": {
        const file = form.get("file");
        if (!(file instanceof File) || file.size === 0)
          return bad({ file: [t("hearings:upload.empty") as string] });
        await cmd.addDocument(
          db,
          user,
          id,
          {
            name: file.name,
            data: new Uint8Array(await file.arrayBuffer()),
            title: String(form.get("title") ?? ""),
          },
          env().UPLOAD_MAX_BYTES,
        );
        return ok();
      }
      case "removeDoc":
        await cmd.removeDocument(db, user, id, Number(form.get("docId")));
        return ok();
      case "announce":
        await cmd.announceHearing(db, user, id);
        return ok("announced");
      case "close":
        await cmd.closeHearing(db, user, id, String(form.get("reason") ?? "") || null);
        return ok("closed");
      case "cancel": {
        const p = parseForm(form, cancelSchema, t);
        if (!p.ok) return bad(p.errors);
        await cmd.cancelHearing(db, user, id, p.data.reason);
        return ok("cancelled");
      }
      default:
        return bad({ _form: [t("common:errors.invalidForm") as string] });
    }
  } catch (e) {
    return refusal(e, lang, intent, values);
  }
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="office-section">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

type Dict = Record<string, string | undefined>;
type Errs = Record<string, string[] | undefined>;

/** The fields of a tariff line (add and edit forms). */
function LineFields({ v, e }: { v: Dict; e: Errs }) {
  const { t } = useTranslation("office");
  return (
    <>
      <SelectField
        label={t("fields.service")}
        name="service"
        defaultValue={v.service}
        errors={e.service}
      >
        {SERVICES.map((s) => (
          <option key={s} value={s}>
            {t(`hearings:service.${s}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t("fields.category")}
        name="category"
        defaultValue={v.category}
        errors={e.category}
      >
        {CATEGORIES.map((s) => (
          <option key={s} value={s}>
            {t(`hearings:category.${s}`)}
          </option>
        ))}
      </SelectField>
      <SelectField label={t("fields.unit")} name="unit" defaultValue={v.unit} errors={e.unit}>
        {UNITS.map((s) => (
          <option key={s} value={s}>
            {t(`hearings:unit.${s}`)}
          </option>
        ))}
      </SelectField>
      <Field
        label={t("fields.currentPrice")}
        name="currentPrice"
        inputMode="decimal"
        defaultValue={v.currentPrice}
        errors={e.currentPrice}
      />
      <Field
        label={t("fields.proposedPrice")}
        name="proposedPrice"
        inputMode="decimal"
        defaultValue={v.proposedPrice}
        errors={e.proposedPrice}
      />
      <TextareaField
        label={t("fields.justificationKy")}
        name="justificationKy"
        rows={2}
        defaultValue={v.justificationKy}
      />
      <TextareaField
        label={t("fields.justificationRu")}
        name="justificationRu"
        rows={2}
        defaultValue={v.justificationRu}
      />
      <TextareaField
        label={t("fields.costItems")}
        hint={t("fields.costItemsHint")}
        name="costItems"
        rows={3}
        defaultValue={v.costItems}
        errors={e.costItems}
      />
    </>
  );
}

/** The fields of a project (add and edit forms; the section is chosen only when adding). */
function ProjectFields({ v, e }: { v: Dict; e: Errs }) {
  const { t } = useTranslation("office");
  return (
    <>
      <Field
        label={t("fields.projectTitleKy")}
        name="titleKy"
        defaultValue={v.titleKy}
        errors={e.titleKy}
      />
      <Field
        label={t("fields.projectTitleRu")}
        name="titleRu"
        defaultValue={v.titleRu}
        errors={e.titleRu}
      />
      <Field
        label={t("fields.budget")}
        name="budget"
        inputMode="decimal"
        defaultValue={v.budget}
        errors={e.budget}
      />
      <Field
        label={t("fields.yearFrom")}
        name="yearFrom"
        type="number"
        defaultValue={v.yearFrom}
        errors={e.yearFrom}
      />
      <Field
        label={t("fields.yearTo")}
        name="yearTo"
        type="number"
        defaultValue={v.yearTo}
        errors={e.yearTo}
      />
      <SelectField
        label={t("fields.fundingSource")}
        name="fundingSource"
        defaultValue={v.fundingSource}
        errors={e.fundingSource}
      >
        {FUNDING_SOURCES.map((f) => (
          <option key={f} value={f}>
            {t(`hearings:funding.${f}`)}
          </option>
        ))}
      </SelectField>
      <TextareaField
        label={t("fields.descriptionKy")}
        name="descriptionKy"
        rows={2}
        defaultValue={v.descriptionKy}
        errors={e.descriptionKy}
      />
      <TextareaField
        label={t("fields.descriptionRu")}
        name="descriptionRu"
        rows={2}
        defaultValue={v.descriptionRu}
        errors={e.descriptionRu}
      />
    </>
  );
}

/** The edit page, or the frame of a child page (then a header and the child's content). */
export default function OfficeHearing() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("office");
  const lang = i18n.language;
  if (data.mode === "edit") return <EditHearing data={data} />;
  const h = data.header;
  return (
    <>
      <p className="muted">
        <Link to={`/${lang}/office`}>{t("dashboard.title")}</Link>
      </p>
      <p>
        <strong>{h.title}</strong> · {t(`hearings:type.${h.type}`)} <StateTag state={h.state} />
      </p>
      <OfficeHearingNav id={h.id} state={h.state} lang={lang} />
      <Outlet />
    </>
  );
}

type EditData = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { mode: "edit" }>;

function EditHearing({ data }: { data: EditData }) {
  const {
    hearing: h,
    state,
    lines,
    sections,
    documents,
    questions,
    maxMb,
    missing,
    earliestClose,
  } = data;
  const reply = useActionData<typeof action>();
  const { t, i18n } = useTranslation("office");
  const lang = i18n.language;
  const errs = (intent: string) =>
    reply && !reply.ok && reply.intent === intent ? (reply.errors ?? {}) : {};
  const vals = (intent: string) =>
    reply && !reply.ok && reply.intent === intent ? (reply.values ?? {}) : {};
  const formError = (intent: string) =>
    errs(intent)._form ? <Alert tone="error">{errs(intent)._form.join(" ")}</Alert> : null;
  const editable = state !== "closed" && state !== "cancelled";
  const dv = vals("details");
  const de = errs("details");
  const date = (v: string | null) => (v ? toBishkekDateInput(v) : "");
  const lv = vals("addLine");
  const le = errs("addLine");
  const pv = vals("addProject");
  const pe = errs("addProject");
  const ae = { ...errs("announce"), ...errs("close"), ...errs("cancel") };
  return (
    <>
      <p className="muted">
        <Link to={`/${lang}/office`}>{t("dashboard.title")}</Link>
      </p>
      <h1>{(lang === "ru" ? h.title_ru || h.title_ky : h.title_ky || h.title_ru) || `#${h.id}`}</h1>
      <p>
        {t("hearings:type." + h.type)} · <StateTag state={state} />
      </p>
      <OfficeHearingNav id={h.id} state={state} lang={lang} />
      {reply?.ok ? (
        <Alert tone="success">
          {t(`edit.done.${reply.done}`, { defaultValue: t("edit.saved") })}
        </Alert>
      ) : null}

      <Section id="actions" title={t("edit.actions")}>
        {Object.keys(ae).length ? (
          <Alert tone="error">{Object.values(ae).flat().join(" ")}</Alert>
        ) : null}
        {state === "draft" ? (
          <Form method="post">
            <p className="muted">{t("edit.announceHint")}</p>
            {missing.length ? (
              <div className="alert alert-warning">
                <p className="alert-title">{t("edit.missing")}</p>
                <ul>
                  {[
                    ...new Set(missing.map((m) => String(t(`hearings:${m.key}`, m.params ?? {})))),
                  ].map((text) => (
                    <li key={text}>{text}</li>
                  ))}
                </ul>
              </div>
            ) : null}
            <input type="hidden" name="intent" value="announce" />
            <Button>{t("edit.announce")}</Button>
          </Form>
        ) : null}
        {state === "open" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="close" />
            {earliestClose ? (
              <p className="muted">
                {t("edit.closeHint", {
                  date: formatDate(earliestClose, lang as "ky" | "ru"),
                  min: h.m_min_comment_days,
                })}
              </p>
            ) : null}
            <Button variant="secondary">{t("edit.close")}</Button>
          </Form>
        ) : null}
        {editable ? (
          <Form method="post" className="stack-form">
            <input type="hidden" name="intent" value="cancel" />
            <TextareaField
              label={t("fields.reason")}
              name="reason"
              rows={2}
              errors={errs("cancel").reason}
            />
            <Button variant="danger">{t("edit.cancel")}</Button>
          </Form>
        ) : null}
      </Section>

      {editable ? (
        <Section id="details" title={t("edit.details")}>
          {formError("details")}
          <Form method="post" className="stack-form">
            <input type="hidden" name="intent" value="details" />
            <Field
              label={t("fields.titleKy")}
              name="titleKy"
              lang="ky"
              defaultValue={dv.titleKy ?? h.title_ky}
              errors={de.titleKy}
            />
            <Field
              label={t("fields.titleRu")}
              name="titleRu"
              lang="ru"
              defaultValue={dv.titleRu ?? h.title_ru}
              errors={de.titleRu}
            />
            <TextareaField
              label={t("fields.summaryKy")}
              name="summaryKy"
              lang="ky"
              rows={3}
              defaultValue={dv.summaryKy ?? h.summary_ky}
              errors={de.summaryKy}
            />
            <TextareaField
              label={t("fields.summaryRu")}
              name="summaryRu"
              lang="ru"
              rows={3}
              defaultValue={dv.summaryRu ?? h.summary_ru}
              errors={de.summaryRu}
            />
            <TextareaField
              label={t("fields.bodyKy")}
              name="bodyKy"
              lang="ky"
              rows={8}
              defaultValue={dv.bodyKy ?? h.body_ky}
              errors={de.bodyKy}
            />
            <TextareaField
              label={t("fields.bodyRu")}
              name="bodyRu"
              lang="ru"
              rows={8}
              defaultValue={dv.bodyRu ?? h.body_ru}
              errors={de.bodyRu}
            />
            <SelectField
              label={t("fields.authoritativeLang")}
              name="authoritativeLang"
              defaultValue={dv.authoritativeLang ?? h.authoritative_lang}
            >
              <option value="ky">Кыргызча</option>
              <option value="ru">Русский</option>
            </SelectField>
            <SelectField
              label={t("fields.initiatorKind")}
              name="initiatorKind"
              defaultValue={dv.initiatorKind ?? h.initiator_kind}
            >
              <option value="okmotu">{t("fields.initiatorOkmotu")}</option>
              <option value="enterprise">{t("fields.initiatorEnterprise")}</option>
            </SelectField>
            <Field
              label={t("fields.initiatorNameKy")}
              name="initiatorNameKy"
              defaultValue={dv.initiatorNameKy ?? h.initiator_name_ky ?? ""}
              errors={de.initiatorNameKy}
            />
            <Field
              label={t("fields.initiatorNameRu")}
              name="initiatorNameRu"
              defaultValue={dv.initiatorNameRu ?? h.initiator_name_ru ?? ""}
              errors={de.initiatorNameRu}
            />
            <p className="field-hint">
              {t("fields.scheduleHint", {
                notice: h.m_min_notice_days,
                comment: h.m_min_comment_days,
              })}
            </p>
            <Field
              type="date"
              label={t("fields.noticeDate")}
              name="noticeDate"
              defaultValue={dv.noticeDate ?? date(h.notice_at)}
              errors={de.noticeDate}
            />
            <Field
              type="date"
              label={t("fields.commentStartDate")}
              name="commentStartDate"
              defaultValue={dv.commentStartDate ?? date(h.comment_start_at)}
              errors={de.commentStartDate}
            />
            <Field
              type="date"
              label={t("fields.commentEndDate")}
              name="commentEndDate"
              defaultValue={dv.commentEndDate ?? date(h.comment_end_at)}
              errors={de.commentEndDate}
            />
            <Field
              type="date"
              label={t("fields.meetingDate")}
              name="meetingDate"
              defaultValue={dv.meetingDate ?? date(h.meeting_at)}
              errors={de.meetingDate}
            />
            <Field
              type="time"
              label={t("fields.meetingTime")}
              name="meetingTime"
              defaultValue={
                dv.meetingTime ?? (h.meeting_at ? toBishkekTimeInput(h.meeting_at) : "10:00")
              }
              errors={de.meetingTime}
            />
            <Field
              label={t("fields.meetingPlaceKy")}
              name="meetingPlaceKy"
              defaultValue={dv.meetingPlaceKy ?? h.meeting_place_ky ?? ""}
              errors={de.meetingPlaceKy}
            />
            <Field
              label={t("fields.meetingPlaceRu")}
              name="meetingPlaceRu"
              defaultValue={dv.meetingPlaceRu ?? h.meeting_place_ru ?? ""}
              errors={de.meetingPlaceRu}
            />
            <Button>{t("edit.save")}</Button>
          </Form>
        </Section>
      ) : null}

      {h.type === "tariff" ? (
        <Section id="lines" title={t("edit.lines")}>
          {formError("removeLine")}
          {lines.length ? (
            <Table>
              <thead>
                <tr>
                  <th scope="col">{t("fields.service")}</th>
                  <th scope="col">{t("fields.category")}</th>
                  <th scope="col">{t("fields.unit")}</th>
                  <th scope="col">{t("fields.currentPrice")}</th>
                  <th scope="col">{t("fields.proposedPrice")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("edit.remove")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {lines.map((l) => (
                  <tr key={l.id}>
                    <td>{t(`hearings:service.${l.service}`)}</td>
                    <td>{t(`hearings:category.${l.category}`)}</td>
                    <td>{t(`hearings:unit.${l.unit}`)}</td>
                    <td className="num">{formatMoney(l.current_price)}</td>
                    <td className="num">{formatMoney(l.proposed_price)}</td>
                    <td>
                      {editable ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="removeLine" />
                          <input type="hidden" name="lineId" value={l.id} />
                          <button type="submit" className="link-button">
                            {t("edit.remove")}
                          </button>
                        </Form>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </Table>
          ) : null}
          {editable
            ? lines.map((l) => {
                const mine = vals("updateLine").lineId === String(l.id);
                const v: Dict = mine
                  ? vals("updateLine")
                  : {
                      service: l.service,
                      category: l.category,
                      unit: l.unit,
                      currentPrice: formatAmount(l.current_price).replace(/\s/g, ""),
                      proposedPrice: formatAmount(l.proposed_price).replace(/\s/g, ""),
                      justificationKy: l.justification_ky,
                      justificationRu: l.justification_ru,
                      costItems: l.costItems
                        .map(
                          (c) =>
                            `${c.name_ky}; ${c.name_ru}; ${formatAmount(c.amount).replace(/\s/g, "")}`,
                        )
                        .join("\n"),
                    };
                return (
                  <details key={l.id} open={mine || undefined}>
                    <summary>
                      {t("edit.editLine")}: {t(`hearings:service.${l.service}`)},{" "}
                      {t(`hearings:category.${l.category}`)}, {t(`hearings:unit.${l.unit}`)}
                    </summary>
                    <Form method="post" className="stack-form">
                      <input type="hidden" name="intent" value="updateLine" />
                      <input type="hidden" name="lineId" value={l.id} />
                      {mine ? formError("updateLine") : null}
                      <LineFields v={v} e={mine ? errs("updateLine") : {}} />
                      <Button variant="secondary">{t("edit.save")}</Button>
                    </Form>
                  </details>
                );
              })
            : null}
          {editable ? (
            <Form method="post" className="stack-form">
              <input type="hidden" name="intent" value="addLine" />
              {formError("addLine")}
              <LineFields v={lv} e={le} />
              <Button variant="secondary">{t("edit.addLine")}</Button>
            </Form>
          ) : null}
        </Section>
      ) : (
        <Section id="plan" title={t("edit.plan")}>
          {sections.map((s) => (
            <div key={s.id} className="card">
              <h3>
                {s.name_ky} / {s.name_ru}
              </h3>
              <ul className="plain-list">
                {s.projects.map((p) => (
                  <li key={p.id}>
                    {p.title_ky} — {formatMoney(p.budget)} ({p.year_from}–{p.year_to}){" "}
                    {editable ? (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="removeProject" />
                        <input type="hidden" name="projectId" value={p.id} />
                        <button type="submit" className="link-button">
                          {t("edit.remove")}
                        </button>
                      </Form>
                    ) : null}
                  </li>
                ))}
              </ul>
              {editable ? (
                <>
                  {(() => {
                    const mine = vals("updateSection").sectionId === String(s.id);
                    const v: Dict = mine
                      ? vals("updateSection")
                      : { nameKy: s.name_ky, nameRu: s.name_ru };
                    const e: Errs = mine ? errs("updateSection") : {};
                    return (
                      <details open={mine || undefined}>
                        <summary>
                          {t("edit.editSection")}: {lang === "ky" ? s.name_ky : s.name_ru}
                        </summary>
                        <Form method="post" className="stack-form">
                          <input type="hidden" name="intent" value="updateSection" />
                          <input type="hidden" name="sectionId" value={s.id} />
                          {mine ? formError("updateSection") : null}
                          <Field
                            label={t("fields.sectionNameKy")}
                            name="nameKy"
                            defaultValue={v.nameKy}
                            errors={e.nameKy}
                          />
                          <Field
                            label={t("fields.sectionNameRu")}
                            name="nameRu"
                            defaultValue={v.nameRu}
                            errors={e.nameRu}
                          />
                          <Button variant="secondary">{t("edit.save")}</Button>
                        </Form>
                      </details>
                    );
                  })()}
                  {s.projects.map((p) => {
                    const mine = vals("updateProject").projectId === String(p.id);
                    const v: Dict = mine
                      ? vals("updateProject")
                      : {
                          titleKy: p.title_ky,
                          titleRu: p.title_ru,
                          budget: formatAmount(p.budget).replace(/\s/g, ""),
                          yearFrom: String(p.year_from),
                          yearTo: String(p.year_to),
                          fundingSource: p.funding_source,
                          descriptionKy: p.description_ky,
                          descriptionRu: p.description_ru,
                        };
                    return (
                      <details key={p.id} open={mine || undefined}>
                        <summary>
                          {t("edit.editProject")}: {lang === "ky" ? p.title_ky : p.title_ru}
                        </summary>
                        <Form method="post" className="stack-form">
                          <input type="hidden" name="intent" value="updateProject" />
                          <input type="hidden" name="projectId" value={p.id} />
                          {mine ? formError("updateProject") : null}
                          <ProjectFields v={v} e={mine ? errs("updateProject") : {}} />
                          <Button variant="secondary">{t("edit.save")}</Button>
                        </Form>
                      </details>
                    );
                  })}
                </>
              ) : null}
              {editable ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="removeSection" />
                  <input type="hidden" name="sectionId" value={s.id} />
                  <button type="submit" className="link-button">
                    {t("edit.remove")}
                  </button>
                </Form>
              ) : null}
            </div>
          ))}
          {editable ? (
            <>
              <Form method="post" className="stack-form">
                <input type="hidden" name="intent" value="addSection" />
                <Field
                  label={t("fields.sectionNameKy")}
                  name="nameKy"
                  defaultValue={vals("addSection").nameKy}
                  errors={errs("addSection").nameKy}
                />
                <Field
                  label={t("fields.sectionNameRu")}
                  name="nameRu"
                  defaultValue={vals("addSection").nameRu}
                  errors={errs("addSection").nameRu}
                />
                <Button variant="secondary">{t("edit.addSection")}</Button>
              </Form>
              {sections.length ? (
                <Form method="post" className="stack-form">
                  <input type="hidden" name="intent" value="addProject" />
                  {formError("addProject")}
                  <SelectField
                    label={t("fields.section")}
                    name="sectionId"
                    defaultValue={pv.sectionId}
                    errors={pe.sectionId}
                  >
                    {sections.map((s) => (
                      <option key={s.id} value={s.id}>
                        {lang === "ky" ? s.name_ky : s.name_ru}
                      </option>
                    ))}
                  </SelectField>
                  <ProjectFields v={pv} e={pe} />
                  <Button variant="secondary">{t("edit.addProject")}</Button>
                </Form>
              ) : null}
            </>
          ) : null}
        </Section>
      )}

      <Section id="questions" title={t("edit.questions")}>
        {formError("removeQuestion")}
        <ol>
          {questions.map((q) => (
            <li key={q.id}>
              {q.title_ky} / {q.title_ru}{" "}
              {state === "draft" && questions.length > 1 ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="removeQuestion" />
                  <input type="hidden" name="questionId" value={q.id} />
                  <button type="submit" className="link-button">
                    {t("edit.remove")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ol>
        {state === "draft" ? (
          <Form method="post" className="stack-form">
            <input type="hidden" name="intent" value="addQuestion" />
            {formError("addQuestion")}
            <Field
              label={t("fields.questionKy")}
              name="titleKy"
              defaultValue={vals("addQuestion").titleKy}
              errors={errs("addQuestion").titleKy}
            />
            <Field
              label={t("fields.questionRu")}
              name="titleRu"
              defaultValue={vals("addQuestion").titleRu}
              errors={errs("addQuestion").titleRu}
            />
            {lines.length ? (
              <SelectField label={t("edit.lines")} name="tariffLineId" defaultValue="">
                <option value="">—</option>
                {lines.map((l) => (
                  <option key={l.id} value={l.id}>
                    {t(`hearings:service.${l.service}`)}, {t(`hearings:category.${l.category}`)}:{" "}
                    {formatAmount(l.proposed_price)}
                  </option>
                ))}
              </SelectField>
            ) : null}
            <Button variant="secondary">{t("edit.addQuestion")}</Button>
          </Form>
        ) : null}
      </Section>

      <Section id="documents" title={t("edit.documents")}>
        <ul className="plain-list">
          {documents.map((d) => (
            <li key={d.id}>
              <a href={`/${lang}/hearings/${h.id}/documents/${d.id}`}>{d.name}</a>{" "}
              {editable ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="removeDoc" />
                  <input type="hidden" name="docId" value={d.id} />
                  <button type="submit" className="link-button">
                    {t("edit.remove")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
        {editable ? (
          <Form method="post" encType="multipart/form-data" className="stack-form">
            <input type="hidden" name="intent" value="upload" />
            <Field
              type="file"
              label={t("fields.file", { max: maxMb })}
              name="file"
              accept=".pdf,.docx,.xlsx,.jpg,.jpeg,.png"
              errors={errs("upload").file}
            />
            <Field label={t("fields.fileTitle")} name="title" defaultValue={vals("upload").title} />
            <Button variant="secondary">{t("edit.upload")}</Button>
          </Form>
        ) : null}
      </Section>
    </>
  );
}
