/**
 * Which locale namespaces a page needs, by its section (the first path segment after the
 * language). The root loader sends the browser only these, so a resident's page on 3G does not
 * carry the administration's strings; the root data is reloaded when the section changes.
 * A section not listed here gets every namespace.
 */
const ALWAYS = ["common", "places", "reach"];
const PUBLIC = ["hearings", "protocol", "tariffs"];
const SECTIONS: Record<string, string[]> = {
  "": PUBLIC,
  m: PUBLIC,
  hearings: [...PUBLIC, "participation", "residents"],
  office: [...PUBLIC, "participation", "residents", "office", "auth"],
  council: PUBLIC,
  verify: PUBLIC,
  notifications: PUBLIC,
  unsubscribe: [],
  about: [],
  login: ["auth"],
  register: ["auth"],
  reset: ["auth"],
  account: ["auth", "residents"],
  invite: ["auth", "admin"],
  admin: ["auth", "admin", "residents"],
};

export function sectionOf(pathname: string): string {
  return pathname.split("/")[2] ?? "";
}

/** The namespaces for a path, or null for "all of them". */
export function namespacesFor(pathname: string): string[] | null {
  const extra = SECTIONS[sectionOf(pathname)];
  return extra ? [...ALWAYS, ...extra] : null;
}
