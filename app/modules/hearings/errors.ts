/** A refusal a command explains to the person (an i18n key of the hearings namespace). */
export class HearingError extends Error {
  constructor(
    public readonly key: string,
    public readonly params: Record<string, string | number> = {},
    public readonly field: string = "_form",
    public readonly status = 400,
    /** several field problems at once (the schedule rules), each shown by its field */
    public readonly problems: {
      field: string;
      key: string;
      params?: Record<string, string | number>;
    }[] = [],
  ) {
    super(key);
    this.name = "HearingError";
  }
}
