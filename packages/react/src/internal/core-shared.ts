/**
 * The core functions both entries call (the query options and the components). Imported from here, they are imported
 * from core once, in the chunk the two entries share, and not a second time in the package's entry (bytes).
 */
export { isSessionId, isTransientError } from "@trymaven/core";
