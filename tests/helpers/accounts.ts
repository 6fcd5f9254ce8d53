/** Calling loaders and actions as Remix would, and reading what they answer or throw. */
import { makeRequest } from "./factories";

export interface Answer<T = any> {
  status: number;
  headers: Headers;
  data: T;
  location: string | null;
}

type RouteFn = (args: {
  request: Request;
  params: Record<string, string>;
  context: any;
}) => unknown;

function normalize(r: unknown): Answer {
  if (r instanceof Response)
    return {
      status: r.status,
      headers: r.headers,
      data: null,
      location: r.headers.get("location"),
    };
  if (r && typeof r === "object" && (r as { type?: string }).type === "DataWithResponseInit") {
    const d = r as { data: unknown; init: ResponseInit | null };
    return {
      status: d.init?.status ?? 200,
      headers: new Headers(d.init?.headers),
      data: d.data,
      location: null,
    };
  }
  return { status: 200, headers: new Headers(), data: r, location: null };
}

export async function invoke(
  fn: RouteFn,
  url: string,
  init: Parameters<typeof makeRequest>[1] & { ip?: string; params?: Record<string, string> } = {},
): Promise<Answer> {
  const request = makeRequest(url, init);
  const lang = new URL(request.url).pathname.split("/")[1];
  try {
    return normalize(
      await fn({
        request,
        params: { lang, ...(init.params ?? {}) },
        context: { ip: init.ip ?? "10.0.0.1" },
      }),
    );
  } catch (e) {
    if (e instanceof Response) return normalize(e);
    throw e;
  }
}

/** "jyiyn_session=…" from a Set-Cookie header, for the next request. */
export function cookieFrom(a: Answer): string {
  const set = a.headers.get("set-cookie") ?? "";
  return set.split(";")[0];
}
