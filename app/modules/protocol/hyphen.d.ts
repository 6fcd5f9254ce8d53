/**
 * The part of `hyphen` (Liang/TeX hyphenation patterns, no types of its own) the protocol uses.
 * A CommonJS module: import its default export (Node's ESM loader sees no named exports in it).
 */
declare module "hyphen/ru/index.js" {
  const hyphen: {
    hyphenateSync(
      text: string,
      options?: { hyphenChar?: string; minWordLength?: number; debug?: boolean },
    ): string;
  };
  export default hyphen;
}
