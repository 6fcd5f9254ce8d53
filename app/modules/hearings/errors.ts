/** A refusal a command explains to the person (an i18n key of the hearings namespace). */
export class HearingError extends Error {
  constructor(
    public readonly key: string,
    public readonly params: Record<string, string | number> = {},
    public readonly field: string = "_form",
    public readonly status = 400,
  ) {
    super(key);
    this.name = "HearingError";
  }
}
