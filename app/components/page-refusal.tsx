/**
 * The page's own place for a refusal no form shows (ADR 0081): a post whose form is not on the
 * page any more (editing a comment that was answered meanwhile), an unknown intent, a crafted
 * post. The UI kit's message components (`ErrorSummary`, a field's errors, `Alert`) record the
 * texts they show (`useShownMessages`); `PageRefusal`, rendered after the page content in the root
 * layout (so after every form, in the same render), shows every message of every route's refused
 * `ActionReply` that none of them showed, as one alert placed visually at the top of the main
 * content. It works without JavaScript (rendered on the server); with it, the alert takes focus
 * when it appears, so a screen reader reads it.
 */
import { createContext, useContext, useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { UNSAFE_DataRouterStateContext as RouterState } from "react-router-dom";

const Shown = createContext<Set<string> | null>(null);

/** The routes' action replies of the current page (route id → reply). */
function useActionReplies(): Record<string, unknown> | null {
  return useContext(RouterState)?.actionData ?? null;
}

/** Record that these messages are on the page (called by the UI kit's message components). */
export function useShownMessages(messages: readonly (string | null | undefined)[]): void {
  const shown = useContext(Shown);
  if (shown) for (const m of messages) if (m) shown.add(m);
}

/** The texts of a ReactNode's strings and numbers (what an `Alert` shows), for `useShownMessages`. */
export function textsOf(node: ReactNode): string[] {
  if (node === null || node === undefined || typeof node === "boolean") return [];
  if (typeof node === "string" || typeof node === "number") return [String(node)];
  if (Array.isArray(node)) return node.flatMap(textsOf);
  return [];
}

/** One record of shown messages per set of action replies (none without replies). */
const shownSets = new WeakMap<object, Set<string>>();
function shownSetFor(replies: Record<string, unknown> | null): Set<string> | null {
  if (!replies) return null;
  let set = shownSets.get(replies);
  if (!set) shownSets.set(replies, (set = new Set()));
  return set;
}

/** Wraps the page: a fresh record of shown messages for each set of action replies. */
export function ShownMessagesProvider({ children }: { children: ReactNode }) {
  return <Shown.Provider value={shownSetFor(useActionReplies())}>{children}</Shown.Provider>;
}

/** The messages of the refused replies (`{ ok: false, errors }`) among `replies`. */
export function refusalMessages(replies: Record<string, unknown> | null): string[] {
  const out: string[] = [];
  for (const r of Object.values(replies ?? {})) {
    if (!r || typeof r !== "object" || (r as { ok?: unknown }).ok !== false) continue;
    const errors = (r as { errors?: Record<string, unknown> }).errors ?? {};
    for (const list of Object.values(errors))
      for (const m of Array.isArray(list) ? list : [list])
        if (typeof m === "string" && m && !out.includes(m)) out.push(m);
  }
  return out;
}

/** The alert of the refusals no form showed; nothing when there are none. */
export function PageRefusal() {
  const { t } = useTranslation("common");
  const replies = useActionReplies();
  const shown = useContext(Shown);
  const unclaimed = refusalMessages(replies).filter((m) => !shown?.has(m));
  const ref = useRef<HTMLDivElement>(null);
  const key = unclaimed.join("\n");
  useEffect(() => {
    if (key) ref.current?.focus();
  }, [key, replies]);
  if (unclaimed.length === 0) return null;
  return (
    <div
      ref={ref}
      className="alert alert-error page-refusal"
      role="alert"
      tabIndex={-1}
      data-autofocus
      data-testid="page-refusal"
    >
      <p className="alert-title">{t("errors.refusedTitle")}</p>
      {unclaimed.map((m) => (
        <p key={m}>{m}</p>
      ))}
    </div>
  );
}
