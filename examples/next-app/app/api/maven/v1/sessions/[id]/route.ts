import { sessionProxy } from "@/lib/session-proxy";

// The proxy between the browser and Maven (lib/session-proxy.ts). It mirrors
// Maven's own path, so the browser's client needs only `baseUrl: "/api/maven"`.
export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = sessionProxy;
export const HEAD = sessionProxy;
