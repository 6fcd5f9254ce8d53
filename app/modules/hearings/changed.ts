/**
 * The fields an edit of a public hearing changed, as the "updated on … what changed" notice names
 * them. An edit stores column names (`meeting_place_ky`, `meeting_place_ru`, `comment_end_at`,
 * `tariffLines`, …); a reader cares that the meeting place changed, not in which of the two
 * languages, so the two language columns of one field become one key (`meeting_place`, a key of
 * `hearings:page.changed.*` in both locales), and a label is listed once even when two fields share
 * it (`initiator_kind` and `initiator_name` are both "the initiator"). Order: first seen.
 *
 * @param fields the stored `changed_fields_json` of a hearing version
 * @param label the label of one collapsed key in the reader's language
 */
export function changedFieldLabels(
  fields: readonly string[],
  label: (key: string) => string,
): string[] {
  const out: string[] = [];
  for (const f of fields) {
    const text = label(f.replace(/_(ky|ru)$/, ""));
    if (!out.includes(text)) out.push(text);
  }
  return out;
}
