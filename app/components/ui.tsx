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
import { useId } from "react";

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

function useFieldIds(id?: string) {
  const auto = useId();
  const base = id ?? `f${auto.replace(/:/g, "")}`;
  return { id: base, hintId: `${base}-hint`, errorId: `${base}-error` };
}

function describedBy(hint: unknown, errors: unknown, ids: { hintId: string; errorId: string }) {
  return (
    [hint ? ids.hintId : null, errors ? ids.errorId : null].filter(Boolean).join(" ") || undefined
  );
}

function FieldErrors({ id, errors }: { id: string; errors?: string[] | string | null }) {
  const list = errors ? (Array.isArray(errors) ? errors : [errors]) : [];
  if (list.length === 0) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {list.join(" ")}
    </p>
  );
}

export function Field({
  label,
  hint,
  errors,
  className = "",
  id,
  ...input
}: FieldShell & InputHTMLAttributes<HTMLInputElement>) {
  const ids = useFieldIds(id);
  const hasErrors = !!errors && (!Array.isArray(errors) || errors.length > 0);
  return (
    <div className={`field ${className}`.trim()}>
      <label htmlFor={ids.id}>{label}</label>
      {hint ? (
        <p id={ids.hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      <input
        id={ids.id}
        aria-invalid={hasErrors || undefined}
        aria-describedby={describedBy(hint, hasErrors, ids)}
        {...input}
      />
      <FieldErrors id={ids.errorId} errors={errors} />
    </div>
  );
}

export function TextareaField({
  label,
  hint,
  errors,
  className = "",
  id,
  ...input
}: FieldShell & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const ids = useFieldIds(id);
  const hasErrors = !!errors && (!Array.isArray(errors) || errors.length > 0);
  return (
    <div className={`field ${className}`.trim()}>
      <label htmlFor={ids.id}>{label}</label>
      {hint ? (
        <p id={ids.hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      <textarea
        id={ids.id}
        aria-invalid={hasErrors || undefined}
        aria-describedby={describedBy(hint, hasErrors, ids)}
        {...input}
      />
      <FieldErrors id={ids.errorId} errors={errors} />
    </div>
  );
}

export function SelectField({
  label,
  hint,
  errors,
  className = "",
  id,
  children,
  ...input
}: FieldShell & SelectHTMLAttributes<HTMLSelectElement>) {
  const ids = useFieldIds(id);
  const hasErrors = !!errors && (!Array.isArray(errors) || errors.length > 0);
  return (
    <div className={`field ${className}`.trim()}>
      <label htmlFor={ids.id}>{label}</label>
      {hint ? (
        <p id={ids.hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      <select
        id={ids.id}
        aria-invalid={hasErrors || undefined}
        aria-describedby={describedBy(hint, hasErrors, ids)}
        {...input}
      >
        {children}
      </select>
      <FieldErrors id={ids.errorId} errors={errors} />
    </div>
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

/** A real table that scrolls sideways on a narrow phone instead of breaking the page. */
export function Table({
  caption,
  children,
  className = "",
}: {
  caption?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div
      className="table-wrap"
      role="region"
      aria-label={typeof caption === "string" ? caption : undefined}
      tabIndex={0}
    >
      <table className={`table ${className}`.trim()}>
        {caption ? <caption>{caption}</caption> : null}
        {children}
      </table>
    </div>
  );
}
