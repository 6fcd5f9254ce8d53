// Anything unknown under /ky or /ru: the localized 404 page (root ErrorBoundary).
export function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return null;
}
