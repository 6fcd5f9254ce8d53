// Anything unknown outside /ky and /ru: a 404 in the visitor's preferred language.
export function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return null;
}
