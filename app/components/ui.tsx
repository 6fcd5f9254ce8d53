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

function FieldErrors({ id, errors }: { id: string; errors?: string[] | string | null }) {
  const list = errors ? (Array.isArray(errors) ? errors : [errors]) : [];
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
  control,
}: FieldShell & {
  id?: string;
  control: (aria: {
    id: string;
    "aria-invalid": true | undefined;
    "aria-describedby": string | undefined;
  }) => ReactNode;
}) {
  const ids = useFieldIds(id);
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
      {...{ label, hint, errors, className, id }}
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
      {...{ label, hint, errors, className, id }}
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
      {...{ label, hint, errors, className, id }}
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
