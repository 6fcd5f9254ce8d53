/** The fields shared by the add and edit forms of tariff lines, projects and the initiator. */
import type { SelectHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { Field, SelectField, TextareaField } from "~/components/ui";
import { formatAmount } from "~/modules/format/format";
import { CATEGORIES, FUNDING_SOURCES, SERVICES, UNITS } from "../catalog";
import { AmendReasonField, binder, type Dict, type Errs } from "./reply";

/** An amount in tyiyn as the forms take it back ("1250,50", no group spaces). */
export const amountInput = (tyiyn: number) => formatAmount(tyiyn).replace(/\s/g, "");

/** A select of one catalog's values, labelled by `hearings:<ns>.<value>`. */
function CatalogSelect({
  values,
  ns,
  ...props
}: {
  values: readonly string[];
  ns: string;
  label: string;
  errors?: string[];
} & SelectHTMLAttributes<HTMLSelectElement>) {
  const { t } = useTranslation("hearings");
  return (
    <SelectField {...props}>
      {values.map((s) => (
        <option key={s} value={s}>
          {t(`${ns}.${s}`)}
        </option>
      ))}
    </SelectField>
  );
}

/** Who initiates the hearing: the ayil okmotu or a municipal enterprise. */
export function InitiatorKindField(
  props: { label: string; errors?: string[] } & SelectHTMLAttributes<HTMLSelectElement>,
) {
  const { t } = useTranslation("office");
  return (
    <SelectField {...props}>
      <option value="okmotu">{t("fields.initiatorOkmotu")}</option>
      <option value="enterprise">{t("fields.initiatorEnterprise")}</option>
    </SelectField>
  );
}

/**
 * The fields of a tariff line (add and edit forms); `amend`: the hearing is announced, so a change
 * of prices, unit or category is an amendment and asks for its reason.
 */
export function LineFields({ v, e, amend }: { v: Dict; e: Errs; amend?: boolean }) {
  const { t } = useTranslation("office");
  const f = binder(t, v, e);
  return (
    <>
      <CatalogSelect {...f("service")} values={SERVICES} ns="service" />
      <CatalogSelect {...f("category")} values={CATEGORIES} ns="category" />
      <CatalogSelect {...f("unit")} values={UNITS} ns="unit" />
      <Field {...f("currentPrice")} inputMode="decimal" />
      <Field {...f("proposedPrice")} inputMode="decimal" />
      <TextareaField {...f("justificationKy")} rows={2} />
      <TextareaField {...f("justificationRu")} rows={2} />
      <TextareaField {...f("costItems")} hint={t("fields.costItemsHint")} rows={3} />
      {amend ? <AmendReasonField v={v} e={e} /> : null}
    </>
  );
}

/** The fields of a project (add and edit forms; the section is chosen only when adding). */
export function ProjectFields({ v, e }: { v: Dict; e: Errs }) {
  const { t } = useTranslation("office");
  const f = binder(t, v, e);
  return (
    <>
      <Field {...f("titleKy")} label={t("fields.projectTitleKy")} />
      <Field {...f("titleRu")} label={t("fields.projectTitleRu")} />
      <Field {...f("budget")} inputMode="decimal" />
      <Field {...f("yearFrom")} type="number" />
      <Field {...f("yearTo")} type="number" />
      <CatalogSelect {...f("fundingSource")} values={FUNDING_SOURCES} ns="funding" />
      <TextareaField {...f("descriptionKy")} rows={2} />
      <TextareaField {...f("descriptionRu")} rows={2} />
    </>
  );
}
