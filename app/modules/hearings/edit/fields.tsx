/** The fields of a tariff line and of a plan project, shared by their add and edit forms. */
import { useTranslation } from "react-i18next";
import { Field, SelectField, TextareaField } from "~/components/ui";
import { CATEGORIES, FUNDING_SOURCES, SERVICES, UNITS } from "../catalog";
import { formatAmount } from "~/modules/format/format";
import type { Dict, Errs } from "./reply";

/** An amount in tyiyn as the forms take it back ("1250,50", no group spaces). */
export const amountInput = (tyiyn: number) => formatAmount(tyiyn).replace(/\s/g, "");

/** The fields of a tariff line (add and edit forms). */
export function LineFields({ v, e }: { v: Dict; e: Errs }) {
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
export function ProjectFields({ v, e }: { v: Dict; e: Errs }) {
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
