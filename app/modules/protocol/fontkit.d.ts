/** The part of fontkit (a dependency of pdfkit, no types of its own) the protocol uses. */
declare module "fontkit" {
  export function create(buffer: Buffer): unknown;
}
