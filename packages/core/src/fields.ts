/**
 * The contract's top-level session fields, in `sessionSchema`'s order, without zod: for screens that
 * list a session's fields, or tell the fields a newer API added from the ones this version knows.
 * schema.test.ts keeps it equal to `sessionSchema`'s keys.
 */
export const SESSION_FIELDS = [
  "session_id",
  "status",
  "is_terminal",
  "processor",
  "error",
  "amount",
  "currency",
  "mode",
  "description",
  "caller",
  "project_slug",
  "gateway",
  "callback",
  "memory",
  "transfer_status",
  "created_at",
  "updated_at",
  "expires_at",
  "completed_at",
] as const;
