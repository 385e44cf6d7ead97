/**
 * Builds an Intl formatter for `locale`, falling back to the runtime's default locale when
 * `locale` is malformed. A typo in a `locale` prop should cost the merchant their preferred
 * language, not the whole admin page. Errors caused by other options still throw.
 */
export function withLocale<T>(locale: string | undefined, make: (locale: string | undefined) => T): T {
  if (locale !== undefined) {
    try {
      return make(locale);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
    }
  }
  return make(undefined);
}
