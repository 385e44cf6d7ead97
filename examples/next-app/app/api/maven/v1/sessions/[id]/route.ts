import { sessionProxy } from "@/lib/session-proxy";

// The proxy between the browser and Maven (lib/session-proxy.ts). It mirrors
// Maven's own path, so the browser's client needs only `baseUrl: "/api/maven"`.
export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = sessionProxy;
export const HEAD = sessionProxy;
// Other methods reach the handler too, which answers 405 with `Allow: GET, HEAD` and a JSON
// `{ detail }` (Next's own 405 has neither).
export const POST = sessionProxy;
export const PUT = sessionProxy;
export const PATCH = sessionProxy;
export const DELETE = sessionProxy;
