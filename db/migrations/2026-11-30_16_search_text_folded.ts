import type { Kysely } from "kysely";

// Frozen once landed: change the schema with a new, later migration.
// The search normaliser now also folds ң/ӊ/н, ө/о, ү/у and treats hyphen, dashes and white space
// as one separator (app/modules/format/search.ts). The stored `hearings.search_text` was folded by
// the older rule, a subset of the new one, so folding it again with the new rule gives what the
// new rule gives from the texts. The rule is copied here (a migration must not change when the
// app's code does).
function fold(s: string): string {
  return s
    .normalize("NFC")
    .toLowerCase()
    .replace(/[ңӊ]/g, "н")
    .replace(/ө/g, "о")
    .replace(/ү/g, "у")
    .replace(/ё/g, "е")
    .replace(/[\s\-\u2010-\u2015\u2212]+/g, " ")
    .trim();
}

export async function up(db: Kysely<any>): Promise<void> {
  const rows = await db.selectFrom("hearings").select(["id", "search_text"]).execute();
  for (const r of rows) {
    const next = fold(String(r.search_text ?? ""));
    if (next !== r.search_text)
      await db.updateTable("hearings").set({ search_text: next }).where("id", "=", r.id).execute();
  }
}

export async function down(): Promise<void> {
  // the older folding cannot be restored from the folded text; the new text still finds more
}
