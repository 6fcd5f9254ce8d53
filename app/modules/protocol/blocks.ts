/** The protocol as blocks of text (shared by the PDF, the DOCX and the page). */
export type Block =
  | { kind: "title"; text: string }
  | { kind: "subtitle"; text: string }
  | { kind: "mark"; text: string }
  | { kind: "heading"; text: string }
  | { kind: "para"; text: string }
  | {
      kind: "table";
      header: string[];
      rows: string[][];
      /** relative column widths */
      widths: number[];
      /** columns aligned right (numbers) */
      numeric?: number[];
    }
  | { kind: "signatures"; lines: { role: string; name: string }[] };
