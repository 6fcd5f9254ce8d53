/** The part of `hyphen` (Liang/TeX hyphenation patterns, no types of its own) the protocol uses. */
declare module "hyphen/ru" {
  export function hyphenateSync(
    text: string,
    options?: { hyphenChar?: string; minWordLength?: number; debug?: boolean },
  ): string;
}
