/**
 * The versions of one protocol as a table (office and council pages): number, dates, the council's
 * decision (with the return comments) and each version's files.
 */
import { useTranslation } from "react-i18next";
import { DataTable, type Column } from "~/components/ui";
import type { VersionListItem } from "./view.server";

export function VersionsTable({
  versions,
  audience,
}: {
  versions: VersionListItem[];
  /** the office also sees when each version was created; the council's phones show the decision first */
  audience: "office" | "council";
}) {
  const { t } = useTranslation("protocol");
  const columns: Column<VersionListItem>[] = [
    { key: "version", header: t("versions.col.version"), rowHeader: true, cell: (x) => x.version },
    ...(audience === "office"
      ? [
          {
            key: "created",
            header: t("versions.col.created"),
            cell: (x: VersionListItem) => x.created,
          },
        ]
      : []),
    { key: "submitted", header: t("versions.col.submitted"), cell: (x) => x.submitted ?? "—" },
    {
      key: "decision",
      header: t("versions.col.decision"),
      ...(audience === "council" ? { first: true } : {}),
      cell: (x) => (
        <>
          {x.decision}
          {x.returnComments ? <span className="muted"> — {x.returnComments}</span> : null}
        </>
      ),
    },
    {
      key: "files",
      header: t("versions.col.files"),
      cell: (x) =>
        x.links.map((l) => (
          <a key={l.href} href={l.href} className="protocol-file-link">
            {l.label}
          </a>
        )),
    },
  ];
  return (
    <section aria-labelledby="versions-heading">
      <h2 id="versions-heading">{t("office.versions")}</h2>
      <DataTable rows={versions} rowKey={(x) => x.version} columns={columns} />
    </section>
  );
}
