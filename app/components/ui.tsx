/**
 * The small component set: button, field with its error, alert, table. Accessible by default:
 * labels tied to inputs, errors announced through aria-describedby and aria-invalid.
 */
import type {
  ButtonHTMLAttributes,
  InputHTMLAttributes,
  ReactNode,
  SelectHTMLAttributes,
  TextareaHTMLAttributes,
} from "react";
import { createContext, useContext, useId } from "react";
import { textsOf, useShownMessages } from "./page-refusal";

/**
 * The id prefix of the form the fields are in (see `EditForm`): a field with a `name` and no `id`
 * gets the id `<prefix>-<name>`, so an error summary can link to it. Without a prefix: `useId`.
 */
export const FieldIdPrefix = createContext<string | null>(null);

type Variant = "primary" | "secondary" | "danger";

export function Button({
  variant = "primary",
  className = "",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return <button type="submit" {...props} className={`btn btn-${variant} ${className}`.trim()} />;
}

interface FieldShell {
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[] | string | null;
  className?: string;
}

/**
 * Binds a form's fields to the last refused post: `bind("price")` gives `{ name, label,
 * defaultValue, errors }` to spread into `Field`, `TextareaField` or `SelectField` — the label from
 * `label(name)`, the value typed in the refused post (else `initial[name]`, else ""), and the
 * field's localized messages.
 */
export function fieldBinder(
  label: (name: string) => string,
  values: Readonly<Record<string, string | undefined>>,
  errors: Readonly<Record<string, string[] | undefined>>,
  initial: Readonly<Record<string, string | undefined>> = {},
) {
  return (name: string) => ({
    name,
    label: label(name),
    defaultValue: values[name] ?? initial[name] ?? "",
    errors: errors[name],
  });
}

function useFieldIds(id?: string, name?: string) {
  const auto = useId();
  const prefix = useContext(FieldIdPrefix);
  const base = id ?? (prefix && name ? `${prefix}-${name}` : `f${auto.replace(/:/g, "")}`);
  return { id: base, hintId: `${base}-hint`, errorId: `${base}-error` };
}

function FieldErrors({ id, errors }: { id: string; errors?: string[] | string | null }) {
  const list = errors ? (Array.isArray(errors) ? errors : [errors]) : [];
  useShownMessages(list);
  if (list.length === 0) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {list.join(" ")}
    </p>
  );
}

/**
 * The frame every field shares: the label tied to the control, an optional hint, the errors, and
 * the aria attributes the control needs (aria-invalid, aria-describedby → hint and errors).
 */
function FieldFrame({
  label,
  hint,
  errors,
  className = "",
  id,
  name,
  control,
}: FieldShell & {
  id?: string;
  /** the control's name (its id within a {@link FieldIdPrefix}) */
  name?: string;
  control: (aria: {
    id: string;
    "aria-invalid": true | undefined;
    "aria-describedby": string | undefined;
  }) => ReactNode;
}) {
  const ids = useFieldIds(id, name);
  const hasErrors = !!errors && (!Array.isArray(errors) || errors.length > 0);
  const describedBy =
    [hint ? ids.hintId : null, hasErrors ? ids.errorId : null].filter(Boolean).join(" ") ||
    undefined;
  return (
    <div className={`field ${className}`.trim()}>
      <label htmlFor={ids.id}>{label}</label>
      {hint ? (
        <p id={ids.hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      {control({
        id: ids.id,
        "aria-invalid": hasErrors || undefined,
        "aria-describedby": describedBy,
      })}
      <FieldErrors id={ids.errorId} errors={errors} />
    </div>
  );
}

export function Field({
  label,
  hint,
  errors,
  className,
  id,
  ...input
}: FieldShell & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldFrame
      {...{ label, hint, errors, className, id, name: input.name }}
      control={(aria) => <input {...aria} {...input} />}
    />
  );
}

export function TextareaField({
  label,
  hint,
  errors,
  className,
  id,
  ...input
}: FieldShell & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <FieldFrame
      {...{ label, hint, errors, className, id, name: input.name }}
      control={(aria) => <textarea {...aria} {...input} />}
    />
  );
}

export function SelectField({
  label,
  hint,
  errors,
  className,
  id,
  children,
  ...input
}: FieldShell & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <FieldFrame
      {...{ label, hint, errors, className, id, name: input.name }}
      control={(aria) => (
        <select {...aria} {...input}>
          {children}
        </select>
      )}
    />
  );
}

export function Alert({
  tone = "info",
  title,
  children,
}: {
  tone?: "info" | "success" | "warning" | "error";
  title?: ReactNode;
  children?: ReactNode;
}) {
  useShownMessages(textsOf(children));
  return (
    <div
      className={`alert alert-${tone}`}
      role={tone === "error" || tone === "warning" ? "alert" : "status"}
    >
      {title ? <p className="alert-title">{title}</p> : null}
      {children}
    </div>
  );
}

/** One problem for the {@link ErrorSummary}: the message and the id of the field it belongs to. */
export interface SummaryItem {
  /** The id of the control to jump to (without "#"); omit for a problem of the whole form. */
  fieldId?: string;
  message: string;
}

/**
 * A refused form's messages as summary items: each field's messages link to `<prefix>-<field>`
 * (the ids {@link FieldIdPrefix} gives the fields), "_form" messages stand without a link.
 */
export function summaryItems(
  errors: Record<string, string[] | undefined>,
  prefix: string,
): SummaryItem[] {
  return Object.entries(errors).flatMap(([field, msgs]) =>
    (msgs ?? []).map((message) => ({
      message,
      fieldId: field === "_form" ? undefined : `${prefix}-${field}`,
    })),
  );
}

/**
 * The error summary at the top of a form (the GOV.UK pattern): a titled list of the problems, each
 * a link to its field, shown after a refused submit. It is announced (role="alert") and can be
 * focused, so with or without JavaScript the person lands on it and follows a link to the field.
 */
export function ErrorSummary({ items, title }: { items: SummaryItem[]; title: string }) {
  useShownMessages(items.map((it) => it.message));
  if (items.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1}>
      <p className="error-summary-title">{title}</p>
      <ul>
        {items.map((it, i) => (
          <li key={i}>{it.fieldId ? <a href={`#${it.fieldId}`}>{it.message}</a> : it.message}</li>
        ))}
      </ul>
    </div>
  );
}

/** One column of a {@link DataTable}. */
export interface Column<R> {
  /** Stable key (React key and CSS hook `col-<key>`). */
  key: string;
  /** The column heading (a `<th scope="col">`) and, unless `label` is given, the card label. */
  header: ReactNode;
  /** The card label when `header` is not plain text (must be text: it is shown through CSS). */
  label?: string;
  /** The cell's content for one row. */
  cell: (row: R) => ReactNode;
  /** Numbers: right-aligned, tabular figures, never wrapped on wide screens. */
  num?: boolean;
  /** The cell names its row (`<th scope="row">`); shown as the card's heading on phones. */
  rowHeader?: boolean;
  /** On phones, show this cell before the others (prices first). */
  first?: boolean;
}

/**
 * The one data table of the portal. On wide screens (and for screen readers, always) it is a real
 * table: caption, column headers, row headers. Below 600 px the same markup is laid out by CSS as
 * one card per row with label–value pairs (labels from `data-label`), the row header as the card's
 * heading and the `first` columns (prices) at the top; the explicit ARIA table roles keep the
 * semantics in browsers that drop them for non-table display. `cardSummary` adds an optional one-line
 * summary shown only on the cards (e.g. «Калк, бир адамга айына: 25 → 35 сом, +40 %»); it repeats
 * the cells, so it is hidden from screen readers.
 */
export function DataTable<R>({
  caption,
  columns,
  rows,
  rowKey,
  cardSummary,
  foot,
  className = "",
  id,
}: {
  caption?: ReactNode;
  columns: Column<R>[];
  rows: readonly R[];
  rowKey: (row: R, index: number) => string | number;
  cardSummary?: (row: R) => ReactNode;
  /** Rows of a `<tfoot>` (totals), as cells per column key; shown as a last card on phones. */
  foot?: { label: ReactNode; cells: Partial<Record<string, ReactNode>> };
  className?: string;
  id?: string;
}) {
  const labelOf = (c: Column<R>) =>
    c.label ??
    (typeof c.header === "string" || typeof c.header === "number" ? String(c.header) : "");
  const cls = (c: Column<R>) =>
    [`col-${c.key}`, c.num ? "num" : "", c.first ? "card-first" : ""].filter(Boolean).join(" ");
  return (
    <div
      className="table-wrap"
      role="region"
      aria-label={typeof caption === "string" ? caption : undefined}
      tabIndex={0}
      id={id}
    >
      <table className={`table data-table ${className}`.trim()} role="table">
        {caption ? <caption>{caption}</caption> : null}
        <thead role="rowgroup">
          <tr role="row">
            {columns.map((c) => (
              <th key={c.key} scope="col" role="columnheader" className={cls(c)}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup">
          {rows.map((r, i) => (
            <tr key={rowKey(r, i)} role="row">
              {cardSummary ? (
                <td className="card-summary" aria-hidden="true">
                  {cardSummary(r)}
                </td>
              ) : null}
              {columns.map((c) =>
                c.rowHeader ? (
                  <th key={c.key} scope="row" role="rowheader" className={`${cls(c)} card-head`}>
                    {c.cell(r)}
                  </th>
                ) : (
                  <td key={c.key} role="cell" className={cls(c)} data-label={labelOf(c)}>
                    {c.cell(r)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
        {foot ? (
          <tfoot role="rowgroup">
            <tr role="row">
              {columns.map((c, ci) =>
                ci === 0 ? (
                  <th key={c.key} scope="row" role="rowheader" className={`${cls(c)} card-head`}>
                    {foot.label}
                  </th>
                ) : (
                  <td
                    key={c.key}
                    role="cell"
                    className={cls(c)}
                    data-label={foot.cells[c.key] != null ? labelOf(c) : undefined}
                  >
                    {foot.cells[c.key] ?? null}
                  </td>
                ),
              )}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}
