/**
 * `fields` without the properties set to `undefined`, for spreading over defaults: an explicit
 * `undefined` (`{ gateway: maybeGateway }`) means "not given", so it must not replace a default.
 */
export function defined<T extends object>(fields: T | null | undefined): T {
  return Object.fromEntries(Object.entries(fields ?? {}).filter(([, value]) => value !== undefined)) as T;
}
