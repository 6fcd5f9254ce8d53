/** The tariff lines of a tariff hearing: the table, an edit form per line, the add form. */
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/ui";
import { formatMoney } from "~/modules/format/format";
import type { EditView } from "../edit.server";
import { amountInput, LineFields } from "./fields";
import { AddForm, EditPage, EditRow, RemoveForm, useEditReply } from "./reply";

type Line = EditView["lines"][number];

/** A line as its edit form takes it back (cost items one per row: "ky; ru; 12,50"). */
function lineInput(l: Line) {
  return {
    service: l.service,
    category: l.category,
    unit: l.unit,
    currentPrice: amountInput(l.current_price),
    proposedPrice: amountInput(l.proposed_price),
    justificationKy: l.justification_ky,
    justificationRu: l.justification_ru,
    costItems: l.costItems
      .map((c) => `${c.name_ky}; ${c.name_ru}; ${amountInput(c.amount)}`)
      .join("\n"),
  };
}

export function TariffLinesEditor({
  lines,
  editable,
  state,
}: Pick<EditView, "lines" | "editable" | "state">) {
  const { t } = useTranslation("office");
  // announced: a change of what is voted on is an amendment and asks for its reason (ADR 0050)
  const amend = state !== "draft";
  const { formError } = useEditReply();
  const label = (l: Line) =>
    `${t(`hearings:service.${l.service}`)}, ${t(`hearings:category.${l.category}`)}, ${t(`hearings:unit.${l.unit}`)}`;
  return (
    <EditPage id="lines" title={t("edit.lines")}>
      {formError("removeLine", { field: "lineId", ids: editable ? lines.map((l) => l.id) : [] })}
      {lines.length ? (
        <DataTable
          className="lines-editor-table"
          rows={lines}
          rowKey={(l) => l.id}
          columns={[
            {
              key: "service",
              header: t("fields.service"),
              rowHeader: true,
              cell: (l) => t(`hearings:service.${l.service}`),
            },
            {
              key: "category",
              header: t("fields.category"),
              cell: (l) => t(`hearings:category.${l.category}`),
            },
            { key: "unit", header: t("fields.unit"), cell: (l) => t(`hearings:unit.${l.unit}`) },
            {
              key: "current",
              header: t("fields.currentPrice"),
              num: true,
              first: true,
              cell: (l) => formatMoney(l.current_price),
            },
            {
              key: "proposed",
              header: t("fields.proposedPrice"),
              num: true,
              first: true,
              cell: (l) => formatMoney(l.proposed_price),
            },
            ...(editable
              ? [
                  {
                    key: "remove",
                    header: <span className="visually-hidden">{t("edit.remove")}</span>,
                    label: "",
                    cell: (l: Line) => (
                      <RemoveForm intent="removeLine" field="lineId" id={l.id} amend={amend} />
                    ),
                  },
                ]
              : []),
          ]}
        />
      ) : null}
      {editable
        ? lines.map((l) => (
            <EditRow
              key={l.id}
              intent="updateLine"
              field="lineId"
              id={l.id}
              summary={`${t("edit.editLine")}: ${label(l)}`}
              initial={lineInput(l)}
            >
              {(v, e) => <LineFields v={v} e={e} amend={amend} />}
            </EditRow>
          ))
        : null}
      {editable ? (
        <AddForm intent="addLine" label={t("edit.addLine")}>
          {(v, e) => <LineFields v={v} e={e} amend={amend} />}
        </AddForm>
      ) : null}
    </EditPage>
  );
}
