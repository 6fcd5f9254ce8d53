import { Alert, DataTable } from "~/components/ui";
import type { Block } from "./blocks";

/** The protocol's blocks as a page section (the same text as the PDF and the DOCX). */
export function ProtocolBlocks({ blocks }: { blocks: Block[] }) {
  return (
    <div className="protocol-doc">
      {blocks.map((b, i) => {
        switch (b.kind) {
          case "title":
            return null; // the page's own heading shows it
          case "subtitle":
            return (
              <p key={i} className="protocol-subtitle">
                {b.text}
              </p>
            );
          case "mark":
            return (
              <Alert key={i} tone="warning">
                <p>{b.text}</p>
              </Alert>
            );
          case "heading":
            return <h3 key={i}>{b.text}</h3>;
          case "para":
            return <p key={i}>{b.text}</p>;
          case "signatures":
            return (
              <ul key={i} className="protocol-signatures">
                {b.lines.map((l) => (
                  <li key={l.role}>
                    {l.role} <span aria-hidden="true">____________</span> / {l.name || "—"} /
                  </li>
                ))}
              </ul>
            );
          case "table":
            return (
              <DataTable
                key={i}
                rows={b.rows}
                rowKey={(_, ri) => ri}
                columns={b.header.map((h, ci) => ({
                  key: String(ci),
                  header: h,
                  rowHeader: ci === 0,
                  num: b.numeric?.includes(ci),
                  cell: (r: string[]) =>
                    (r[ci] ?? "").split("\n").map((line, li) => (
                      <span key={li} className="protocol-cell-line">
                        {line}
                      </span>
                    )),
                }))}
              />
            );
        }
      })}
    </div>
  );
}

export interface FileLink {
  href: string;
  label: string;
}

export function FileLinks({ title, links }: { title: string; links: FileLink[] }) {
  return (
    <nav aria-label={title} className="protocol-files">
      <ul className="inline-list">
        {links.map((l) => (
          <li key={l.href}>
            <a href={l.href} download>
              {l.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
