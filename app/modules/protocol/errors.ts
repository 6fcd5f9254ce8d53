/** A refusal of a protocol command: an HTTP status and a key in the "protocol" namespace. */
export class ProtocolError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    readonly key: string,
  ) {
    super(key);
    this.name = "ProtocolError";
  }
}
